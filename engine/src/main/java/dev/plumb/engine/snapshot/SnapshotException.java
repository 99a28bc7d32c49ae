package dev.plumb.engine.snapshot;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * An offline snapshot file cannot be used; the message names the file and the problem.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class SnapshotException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SnapshotException(String message) {
        super(message);
    }
}
