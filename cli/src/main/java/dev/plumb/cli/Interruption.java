package dev.plumb.cli;

import dev.plumb.engine.ScanCancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * On SIGINT or SIGTERM the JVM runs its shutdown hooks; this one cancels the scan and waits until
 * the reports of what finished are written, so an interrupted run still leaves valid reports.
 * The JVM then exits with 130 (SIGINT) or 143 (SIGTERM).
 */
final class Interruption {

    private static final long GRACE_SECONDS = 30;

    private final ScanCancellation cancellation = new ScanCancellation();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private Interruption(Console console) {
        hook = new Thread(() -> {
            console.problem("interrupted: stopping the scan and writing the reports of what finished...");
            cancellation.cancel("signal received");
            try {
                done.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "plumb-interrupt");
    }

    static Interruption install(Console console) {
        Interruption interruption = new Interruption(console);
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    ScanCancellation cancellation() {
        return cancellation;
    }

    /** The reports are written: the hook may let the JVM go, and is removed when the scan ended normally. */
    void finished() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it sees the latch and returns
        }
    }
}
