package dev.plumb.reporting;

/**
 * The output directory cannot take a report set: another scan holds its lock, or a report
 * directory in it is a symbolic link. Found before the scan starts; the message is one line.
 */
public final class ReportDirectoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReportDirectoryException(String message) {
        super(message);
    }
}
