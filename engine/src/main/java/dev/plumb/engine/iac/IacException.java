package dev.plumb.engine.iac;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A plan, template or configuration directory Plumb cannot read; the message is one line that says what to do.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class IacException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    IacException(String message) {
        super(message);
    }
}
