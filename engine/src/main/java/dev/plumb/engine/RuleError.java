package dev.plumb.engine;

/** A rule could not evaluate an account: the finding is an ERROR, never a FAIL. */
final class RuleError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RuleError(String message) {
        super(message);
    }
}
