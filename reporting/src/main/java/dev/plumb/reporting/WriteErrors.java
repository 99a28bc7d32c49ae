package dev.plumb.reporting;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Write errors of listeners that run inside the JUnit Platform, which logs and drops what a
 * listener throws: they are kept here and end the scan with {@link ReportWriteException}.
 */
final class WriteErrors {

    private final AtomicReference<String> first = new AtomicReference<>();
    private final AtomicInteger count = new AtomicInteger();

    void add(String what, Throwable error) {
        count.incrementAndGet();
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        first.compareAndSet(null, what + ": " + TestEvents.describe(cause));
    }

    /** Throws if anything failed. */
    void check() {
        if (count.get() > 0) {
            throw new ReportWriteException(first.get() + (count.get() > 1 ? " (and " + (count.get() - 1)
                    + " more write errors)" : ""), null);
        }
    }
}
