package dev.plumb.reporting;

/**
 * The report set could not be written completely. The previous set, if any, is left in place
 * (or restored); the message is one line saying what failed.
 */
public final class ReportWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReportWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
