package dev.plumb.reporting;

import dev.plumb.api.Outcome;
import dev.plumb.api.Severity;
import dev.plumb.internal.report.ReportEntries;
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
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Counts findings by outcome, for the summary and the exit code, and every container (the engine,
 * an account, a rule) that failed outside of its findings as one more ERROR.
 */
final class SummaryListener implements TestExecutionListener {

    private static final Comparator<ScanSummary.Problem> PROBLEM_ORDER = Comparator.comparing(
            ScanSummary.Problem::accountId).thenComparing(ScanSummary.Problem::ruleId)
            .thenComparing(ScanSummary.Problem::resource).thenComparing(ScanSummary.Problem::message)
            .thenComparing(ScanSummary.Problem::outcome);

    private final Map<Outcome, AtomicInteger> counts = new EnumMap<>(Outcome.class);
    private final Set<String> accounts = ConcurrentHashMap.newKeySet();
    private final Set<String> rules = ConcurrentHashMap.newKeySet();
    /** The first problems in report order, at most {@link ScanSummary#PROBLEMS_KEPT}: memory stays flat. */
    private final TreeSet<ScanSummary.Problem> problems = new TreeSet<>(PROBLEM_ORDER);
    private final Map<Severity, AtomicInteger> failsBySeverity = new EnumMap<>(Severity.class);
    private final List<ScanSummary.Problem> containerFailures = new ArrayList<>();

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
            keep(new ScanSummary.Problem(finding.outcome().name(), finding.ruleId(), finding.accountId(),
                    finding.resource(), finding.message()));
        }
    }

    /**
     * A container that fails (the engine, an account, a rule) lost what it would have reported, so
     * it counts as an ERROR of its own, named in the problems.
     */
    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest() || result.getStatus() != TestExecutionResult.Status.FAILED) {
            return;
        }
        String cause = result.getThrowable().map(Throwable::toString).orElse("unknown failure");
        UniqueId id = test.getUniqueIdObject();
        String account = TestEvents.segment(id, "account").orElse(null);
        String rule = TestEvents.segment(id, "rule").orElse(null);
        String what = rule != null ? "rule " + rule + " failed in account " + account + "; its findings are missing"
                : account != null ? "account " + account + " failed; its results are missing"
                : "the scan failed; results are missing";
        ScanSummary.Problem problem = new ScanSummary.Problem(Outcome.ERROR.name(), rule == null ? "*" : rule,
                account == null ? "*" : account, id.toString(), what + ": " + cause);
        keep(problem);
        synchronized (problems) {
            containerFailures.add(problem);
        }
    }

    private void keep(ScanSummary.Problem problem) {
        synchronized (problems) {
            problems.add(problem);
            if (problems.size() > ScanSummary.PROBLEMS_KEPT) {
                problems.pollLast();
            }
        }
    }

    /** A failure of the engine, an account or a rule outside of any finding, if there was one. */
    String engineFailure() {
        List<ScanSummary.Problem> failures;
        synchronized (problems) {
            failures = containerFailures.stream().sorted(PROBLEM_ORDER).toList();
        }
        return failures.isEmpty() ? null : failures.get(0).message()
                + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : "");
    }

    ScanSummary summary() {
        List<ScanSummary.Problem> sorted;
        synchronized (problems) {
            sorted = new ArrayList<>(problems);
        }
        sorted.sort(PROBLEM_ORDER);
        Set<String> accountIds = new TreeSet<>(accounts);
        Map<Severity, Integer> fails = new EnumMap<>(Severity.class);
        failsBySeverity.forEach((severity, count) -> fails.put(severity, count.get()));
        int error;
        synchronized (problems) {
            error = counts.get(Outcome.ERROR).get() + containerFailures.size();
        }
        return new ScanSummary(accountIds.size(), rules.size(), counts.get(Outcome.PASS).get(),
                counts.get(Outcome.FAIL).get(), error, counts.get(Outcome.SKIPPED).get(),
                counts.get(Outcome.SUPPRESSED).get(), sorted, fails);
    }
}
