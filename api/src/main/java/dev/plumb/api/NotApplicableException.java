package dev.plumb.api;

/**
 * Thrown when a rule cannot apply to the account being scanned, for example because an offline
 * snapshot does not hold the data it needs. The rule is reported as SKIPPED with this message.
 */
public class NotApplicableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotApplicableException(String reason) {
        super(reason);
    }
}
