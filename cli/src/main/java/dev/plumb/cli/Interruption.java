package dev.plumb.cli;

import dev.plumb.engine.ScanCancellation;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * A scan that is stopped before it finished still leaves valid reports of what finished, and never
 * exits 0. The JVM runs this shutdown hook for SIGINT, SIGTERM and for {@code System.exit} called by
 * anyone else than Plumb (a plugin). The hook cancels the scan (unfinished rules become ERROR
 * "interrupted") and waits until the reports are written. After a signal the JVM then exits 130
 * (SIGINT) or 143 (SIGTERM); after a foreign {@code System.exit} the hook halts with 2, whatever
 * status was asked for.
 *
 * <p>How long it waits depends on what is left to write, not on a fixed period: at least
 * {@value #QUIET_SECONDS} s after the last finding was recorded, and {@value #QUIET_SECONDS} s plus
 * {@value #MICROS_PER_FINDING} µs per recorded finding from the moment it was asked to stop, which
 * is many times what the writing takes (bench/interrupt.py).
 */
final class Interruption {

    static final long QUIET_SECONDS = 30;
    static final long MICROS_PER_FINDING = 4000;

    private final ScanCancellation cancellation = new ScanCancellation();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Progress progress = new Progress();
    private final Console console;
    private final Thread hook;

    private Interruption(Console console) {
        this.console = console;
        hook = new Thread(this::stop, "plumb-interrupt");
    }

    static Interruption install(Console console) {
        Interruption interruption = new Interruption(console);
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    ScanCancellation cancellation() {
        return cancellation;
    }

    /** Counts the findings as they are recorded: the hook waits as long as they keep coming. */
    TestExecutionListener progress() {
        return progress;
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

    private void stop() {
        ExitRequest request = ExitRequest.find(hook);
        if (request.signal() != null) {
            console.problem("interrupted (" + request.signal() + "): stopping the scan and writing the reports of what"
                    + " finished...");
            cancellation.cancel(request.signal() + " received");
        } else {
            console.problem("interrupted: the JVM was asked to exit by " + request.caller() + " before the scan"
                    + " finished; stopping the scan and writing the reports of what finished (exit code "
                    + ExitCodes.ERROR + ")...");
            cancellation.cancel("the JVM was asked to exit by " + request.caller() + " before the scan finished");
        }
        boolean written = awaitReports();
        if (!written) {
            console.problem("the reports were not finished in time: no finding was recorded for " + QUIET_SECONDS
                    + " s; the previous reports are left as they were.");
        }
        if (request.signal() == null) {
            console.out().flush();
            console.err().flush();
            Runtime.getRuntime().halt(ExitCodes.ERROR);
        }
    }

    private boolean awaitReports() {
        long asked = System.nanoTime();
        try {
            while (!done.await(200, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() - deadline(asked, progress.findings(), progress.lastNanos()) > 0) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Until when the hook waits for the reports ({@link System#nanoTime()} values): {@value #QUIET_SECONDS} s
     * plus {@value #MICROS_PER_FINDING} µs per finding recorded from the moment it was asked to stop, and
     * never less than {@value #QUIET_SECONDS} s after the last finding was recorded.
     */
    static long deadline(long askedNanos, long findings, long lastFindingNanos) {
        long quiet = TimeUnit.SECONDS.toNanos(QUIET_SECONDS);
        long budget = askedNanos + quiet + TimeUnit.MICROSECONDS.toNanos(MICROS_PER_FINDING) * findings;
        return budget - (lastFindingNanos + quiet) > 0 ? budget : lastFindingNanos + quiet;
    }

    private static final class Progress implements TestExecutionListener {

        private final AtomicLong findings = new AtomicLong();
        private volatile long lastNanos = System.nanoTime();

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            lastNanos = System.nanoTime();
            if (test.isTest()) {
                findings.incrementAndGet();
            }
        }

        long findings() {
            return findings.get();
        }

        long lastNanos() {
            return lastNanos;
        }
    }

    /**
     * Who asked the JVM to exit, read from the thread that is exiting: a signal handler thread
     * ({@code SIGTERM handler}) or the code that called {@code System.exit} / {@code Runtime.exit}.
     */
    record ExitRequest(String signal, String caller) {

        static ExitRequest find(Thread hook) {
            for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
                if (thread.getKey() == hook) {
                    continue;
                }
                StackTraceElement[] stack = thread.getValue();
                int exit = -1;
                boolean terminator = false;
                for (int i = 0; i < stack.length; i++) {
                    String type = stack[i].getClassName();
                    if ((type.equals("java.lang.Runtime") || type.equals("java.lang.System"))
                            && stack[i].getMethodName().equals("exit")) {
                        exit = i;
                    }
                    terminator |= type.startsWith("java.lang.Terminator");
                }
                boolean exiting = exit >= 0 || terminator && stack.length > 0;
                if (!exiting) {
                    continue;
                }
                String name = thread.getKey().getName();
                if (terminator || name.matches("SIG[A-Z]+ handler")) {
                    return new ExitRequest(name.replace(" handler", ""), null);
                }
                return new ExitRequest(null, exit + 1 < stack.length ? describe(stack[exit + 1]) : name);
            }
            return new ExitRequest(null, "an unknown caller");
        }

        private static String describe(StackTraceElement frame) {
            return frame.getClassName() + "." + frame.getMethodName()
                    + (frame.getFileName() == null ? "" : " (" + frame.getFileName() + ":" + frame.getLineNumber() + ")");
        }
    }
}
