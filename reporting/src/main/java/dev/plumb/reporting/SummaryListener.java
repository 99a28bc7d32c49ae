package dev.plumb.reporting;

import dev.plumb.api.Outcome;
import dev.plumb.api.ReportEntries;
import dev.plumb.api.Severity;
import dev.plumb.internal.report.ReportedFinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/** Counts findings by outcome, for the summary and the exit code. */
final class SummaryListener implements TestExecutionListener {

    private final Map<Outcome, AtomicInteger> counts = new EnumMap<>(Outcome.class);
    private final Set<String> accounts = ConcurrentHashMap.newKeySet();
    private final Set<String> rules = ConcurrentHashMap.newKeySet();
    private final List<ScanSummary.Problem> problems = new ArrayList<>();
    private final Map<Severity, AtomicInteger> failsBySeverity = new EnumMap<>(Severity.class);
    private volatile String engineFailure;

    SummaryListener() {
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new AtomicInteger());
        }
        for (Severity severity : Severity.values()) {
            failsBySeverity.put(severity, new AtomicInteger());
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        Map<String, String> values = entry.getKeyValuePairs();
        if (values.containsKey(ReportEntries.ACCOUNT)) {
            accounts.add(values.get(ReportEntries.ACCOUNT));
        }
        if (values.containsKey(ReportEntries.RULE)) {
            rules.add(values.get(ReportEntries.RULE));
        }
        if (test.isTest()) {
            ReportedFinding.fromEntries(values).ifPresent(this::count);
        }
    }

    /** A finding test publishes its entries once, right before it ends with its outcome. */
    private void count(ReportedFinding finding) {
        counts.get(finding.outcome()).incrementAndGet();
        if (finding.outcome() == Outcome.FAIL) {
            // a finding without a severity comes from an engine that predates it: count it as the worst
            failsBySeverity.get(finding.severity() == null ? Severity.CRITICAL : finding.severity()).incrementAndGet();
        }
        if (finding.outcome() == Outcome.FAIL || finding.outcome() == Outcome.ERROR) {
            synchronized (problems) {
                problems.add(new ScanSummary.Problem(finding.outcome().name(), finding.ruleId(), finding.accountId(),
                        finding.resource(), finding.message()));
            }
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.getParentId().isEmpty() && result.getStatus() == TestExecutionResult.Status.FAILED) {
            engineFailure = result.getThrowable().map(Throwable::toString).orElse("unknown failure");
        }
    }

    /** A failure of the engine itself (not of a rule), if there was one. */
    String engineFailure() {
        return engineFailure;
    }

    ScanSummary summary() {
        List<ScanSummary.Problem> sorted;
        synchronized (problems) {
            sorted = new ArrayList<>(problems);
        }
        sorted.sort(Comparator.comparing(ScanSummary.Problem::accountId).thenComparing(ScanSummary.Problem::ruleId)
                .thenComparing(ScanSummary.Problem::resource));
        Set<String> accountIds = new TreeSet<>(accounts);
        Map<Severity, Integer> fails = new EnumMap<>(Severity.class);
        failsBySeverity.forEach((severity, count) -> fails.put(severity, count.get()));
        int error = counts.get(Outcome.ERROR).get() + (engineFailure == null ? 0 : 1);
        return new ScanSummary(accountIds.size(), rules.size(), counts.get(Outcome.PASS).get(),
                counts.get(Outcome.FAIL).get(), error, counts.get(Outcome.SKIPPED).get(),
                counts.get(Outcome.SUPPRESSED).get(), sorted, fails);
    }
}
