package dev.plumb.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Stops a running scan early (Ctrl-C, SIGTERM). Rules that have not run yet, and rules that are
 * running, are reported as ERROR "interrupted" so that the reports stay complete and honest.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class ScanCancellation {

    private volatile String reason;

    public void cancel(String why) {
        reason = why;
    }

    public boolean isCancelled() {
        return reason != null;
    }

    String reason() {
        return reason;
    }
}
