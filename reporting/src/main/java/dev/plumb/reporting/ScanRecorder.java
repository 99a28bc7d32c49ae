package dev.plumb.reporting;

import dev.plumb.api.Outcome;
import dev.plumb.api.Severity;
import dev.plumb.internal.report.ReportEntries;
import dev.plumb.internal.report.ReportedFinding;
import dev.plumb.internal.report.RuleMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.file.Path;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Keeps what the engine published: rule metadata from rule containers, the findings of the tests
 * still running, and failures of containers (an account or the engine itself). The SARIF and
 * Allure writers read from here, never from rule classes. Once Allure has written a finding
 * ({@link #written}), memory keeps only the first {@value #ERROR_CAP} ERRORs in report order, for
 * the SARIF file's notifications; the FAILs (every finding when the full SARIF file is asked for)
 * go to a {@link FindingSpool} on disk. Every outcome is counted, so the SARIF file can say how
 * many it left out, and memory stays flat in the number of findings.
 */
final class ScanRecorder implements TestExecutionListener, AutoCloseable {

    /** A container that failed outside of any finding: the engine, an account, a rule. */
    record ContainerFailure(String accountId, String ruleId, String message) {
    }

    /** ERRORs kept for the SARIF file's notifications. */
    static final int ERROR_CAP = 1000;

    private final boolean keepEveryFinding;
    private final int errorCap;
    private final FindingSpool spool;
    private final Map<String, FindingEvent> running = new ConcurrentHashMap<>();
    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);
    /** The ERRORs kept for SARIF, in report order, so the last one goes when full. */
    private final TreeSet<FindingEvent> keptErrors = new TreeSet<>(FindingEvent.REPORT_ORDER);
    private final Set<String> ruleIds = ConcurrentHashMap.newKeySet();
    private final Set<String> findingAccounts = ConcurrentHashMap.newKeySet();
    private final Map<String, RuleMetadata> rules = new ConcurrentHashMap<>();
    private final Set<String> plannedAccounts = ConcurrentHashMap.newKeySet();
    private final Set<String> partitions = ConcurrentHashMap.newKeySet();
    private final List<ContainerFailure> failures = new ArrayList<>();

    /**
     * @param keepEveryFinding true when a report written at the end needs every finding, not only FAILs
     * @param spoolDirectory   where the kept findings wait on disk for the SARIF file
     */
    ScanRecorder(boolean keepEveryFinding, Path spoolDirectory) {
        this(keepEveryFinding, spoolDirectory, ERROR_CAP);
    }

    /** @param errorCap how many ERRORs to keep in memory at most: the first in report order */
    ScanRecorder(boolean keepEveryFinding, Path spoolDirectory, int errorCap) {
        this.keepEveryFinding = keepEveryFinding;
        this.errorCap = errorCap;
        this.spool = new FindingSpool(spoolDirectory);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        for (TestIdentifier root : testPlan.getRoots()) {
            for (TestIdentifier child : testPlan.getChildren(root)) {
                TestEvents.segment(child.getUniqueIdObject(), "account").ifPresent(plannedAccounts::add);
            }
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        Map<String, String> values = entry.getKeyValuePairs();
        if (values.containsKey(ReportEntries.PARTITION)) {
            partitions.add(values.get(ReportEntries.PARTITION));
        }
        if (test.isTest() && values.containsKey(ReportEntries.OUTCOME)) {
            FindingEvent finding = FindingEvent.of(test, ReportedFinding.fromEntries(values).orElseThrow());
            running.put(test.getUniqueId(), finding);
            counts.get(finding.outcome()).increment();
            ruleIds.add(finding.ruleId());
            findingAccounts.add(finding.accountId());
        } else if (test.isContainer()) {
            RuleMetadata.fromEntries(values).ifPresent(rule -> rules.putIfAbsent(rule.id(), rule));
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isContainer()) {
            return;
        }
        UniqueId id = test.getUniqueIdObject();
        String account = TestEvents.segment(id, "account").orElse(null);
        String rule = TestEvents.segment(id, "rule").orElse(null);
        if (account != null && rule != null) {
            spool.closeContainer(account, rule);
        }
        if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            String message = result.getThrowable().map(TestEvents::describe).orElse("failed without a message");
            synchronized (failures) {
                failures.add(new ContainerFailure(account, rule, message));
            }
        }
    }

    /** The finding of a running test, by the test's unique id, until it is {@link #written}. */
    Optional<FindingEvent> finding(String uniqueId) {
        return uniqueId == null ? Optional.empty() : Optional.ofNullable(running.get(uniqueId));
    }

    /** The finding's test has ended and Allure has written it: keep what a SARIF file needs, forget the rest. */
    void written(String uniqueId) {
        FindingEvent finding = uniqueId == null ? null : running.remove(uniqueId);
        if (finding == null) {
            return;
        }
        if (finding.outcome() == Outcome.ERROR) {
            synchronized (keptErrors) {
                keptErrors.add(finding);
                if (keptErrors.size() > errorCap) {
                    keptErrors.pollLast();
                }
            }
        }
        if (keepEveryFinding || finding.outcome() == Outcome.FAIL) {
            spool.add(finding);
        }
    }

    /** The severity a FAIL counts with: its own, else its rule's. */
    Severity severity(FindingEvent finding) {
        Severity severity = finding.finding().severity();
        return severity != null ? severity : rule(finding.ruleId()).severity();
    }

    /**
     * The kept findings in report order, read back from disk: the FAILs, or every finding when
     * the full SARIF file is asked for.
     */
    Iterable<FindingEvent> kept() {
        return spool.findings();
    }

    /** The first ERRORs in report order, at most the cap; {@link #count} says how many there were. */
    List<FindingEvent> errors() {
        synchronized (keptErrors) {
            return List.copyOf(keptErrors);
        }
    }

    /** Closes the spool's open files; what it kept stays readable through {@link #kept()}. */
    @Override
    public void close() {
        spool.close();
    }

    /** Every finding of this outcome the scan reported, kept or not. */
    long count(Outcome outcome) {
        return counts.get(outcome).sum();
    }

    RuleMetadata rule(String id) {
        return rules.getOrDefault(id, RuleMetadata.unknown(id));
    }

    /** Every rule that ran, sorted by id, including rules known only from their findings. */
    List<RuleMetadata> rules() {
        Set<String> ids = new TreeSet<>(rules.keySet());
        ids.addAll(ruleIds);
        return ids.stream().map(this::rule).toList();
    }

    /** Accounts of the test plan and of the findings, sorted. */
    Set<String> accounts() {
        Set<String> accounts = new TreeSet<>(plannedAccounts);
        accounts.addAll(findingAccounts);
        return accounts;
    }

    Set<String> partitions() {
        return new TreeSet<>(partitions);
    }

    List<ContainerFailure> failures() {
        Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
        synchronized (failures) {
            return failures.stream().sorted(Comparator.comparing(ContainerFailure::accountId, nullsFirst)
                    .thenComparing(ContainerFailure::ruleId, nullsFirst)
                    .thenComparing(ContainerFailure::message, nullsFirst)).toList();
        }
    }
}
