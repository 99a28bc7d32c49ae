package dev.plumb.engine.iac;

/** A plan, template or configuration directory Plumb cannot read; the message is one line that says what to do. */
public final class IacException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    IacException(String message) {
        super(message);
    }
}
