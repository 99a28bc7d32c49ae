package dev.plumb.engine.snapshot;

/** An offline snapshot file cannot be used; the message names the file and the problem. */
public final class SnapshotException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SnapshotException(String message) {
        super(message);
    }
}
