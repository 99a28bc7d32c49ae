package dev.plumb.reporting;

import dev.plumb.api.Outcome;
import dev.plumb.internal.report.ReportedFinding;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Progress of a scan on stderr. On a terminal: one line, rewritten in place, with accounts done of
 * the total, the failures so far and an estimate of the time left. Otherwise (CI logs, files): one
 * line per finished account with its counts.
 */
final class ProgressListener implements TestExecutionListener {

    private static final String ACCOUNT_SEGMENT = "account";

    private final PrintStream out;
    private final boolean live;
    private final LongSupplier nanoClock;
    private final Map<String, Map<Outcome, Integer>> perAccount = new ConcurrentHashMap<>();
    private int accountsPlanned;
    private int accountsDone;
    private int accountsFailing;
    private int accountsInError;
    private long startNanos;
    private int lastWidth;

    ProgressListener(PrintStream out, boolean live, LongSupplier nanoClock) {
        this.out = out;
        this.live = live;
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        startNanos = nanoClock.getAsLong();
        accountsPlanned = testPlan.getRoots().stream().mapToInt(root -> testPlan.getChildren(root).size()).sum();
        if (live && accountsPlanned > 0) {
            rewrite(liveLine());
        }
    }

    /** A finding test publishes its outcome and account once, before its account container finishes. */
    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        if (test.isTest()) {
            ReportedFinding.fromEntries(entry.getKeyValuePairs()).ifPresent(finding -> perAccount
                    .computeIfAbsent(finding.accountId(), id -> new ConcurrentHashMap<>())
                    .merge(finding.outcome(), 1, Integer::sum));
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest() && test.getUniqueIdObject().getLastSegment().getType().equals(ACCOUNT_SEGMENT)) {
            accountFinished(test.getUniqueIdObject().getLastSegment().getValue(), result);
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        if (live && accountsPlanned > 0) {
            out.println();
        }
        out.flush();
    }

    private synchronized void accountFinished(String account, TestExecutionResult result) {
        Map<Outcome, Integer> found = perAccount.remove(account);
        Map<Outcome, Integer> counts = found == null ? Map.of() : found;
        accountsDone++;
        if (counts.containsKey(Outcome.ERROR) || result.getStatus() == TestExecutionResult.Status.FAILED) {
            accountsInError++;
        } else if (counts.containsKey(Outcome.FAIL)) {
            accountsFailing++;
        }
        if (live) {
            rewrite(liveLine());
            return;
        }
        StringBuilder line = new StringBuilder("plumb: [").append(accountsDone).append('/').append(accountsPlanned)
                .append("] account ").append(account).append(':');
        Map<Outcome, Integer> sorted = new EnumMap<>(Outcome.class);
        sorted.putAll(counts);
        sorted.forEach((outcome, count) -> line.append(' ').append(count).append(' ')
                .append(outcome.name().toLowerCase(java.util.Locale.ROOT)));
        if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            line.append(" (account failed: ").append(result.getThrowable().map(Throwable::getMessage).orElse("?"))
                    .append(')');
        }
        out.println(line);
    }

    private String liveLine() {
        StringBuilder line = new StringBuilder("plumb: ").append(accountsDone).append('/').append(accountsPlanned)
                .append(" accounts, ").append(accountsFailing).append(" failing, ").append(accountsInError)
                .append(" with errors");
        if (accountsDone > 0 && accountsDone < accountsPlanned) {
            long elapsed = nanoClock.getAsLong() - startNanos;
            long left = elapsed / accountsDone * (accountsPlanned - accountsDone);
            line.append(", ETA ").append(duration(left));
        }
        return line.toString();
    }

    private void rewrite(String line) {
        int pad = Math.max(0, lastWidth - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        lastWidth = line.length();
    }

    static String duration(long nanos) {
        long seconds = Math.max(0, Math.round(nanos / 1e9));
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
