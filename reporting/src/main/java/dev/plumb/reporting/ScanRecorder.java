package dev.plumb.reporting;

import dev.plumb.api.Outcome;
import dev.plumb.api.ReportEntries;
import dev.plumb.api.Severity;
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
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Keeps what the engine published: rule metadata from rule containers, one {@link FindingEvent}
 * per finding test, and failures of containers (an account or the engine itself). The SARIF and
 * Allure writers read from here, never from rule classes. Once Allure has written a finding, only
 * what the SARIF file needs is kept: the ERRORs, and the most severe FAILs up to the number GitHub
 * accepts in one run (every finding when the full SARIF file is asked for). Every outcome is
 * counted, so the SARIF file can say how many FAILs it left out.
 */
final class ScanRecorder implements TestExecutionListener {

    /** A container that failed outside of any finding: the engine, an account, a rule. */
    record ContainerFailure(String accountId, String ruleId, String message) {
    }

    private final boolean keepEveryFinding;
    private final int failCap;
    private final Map<String, FindingEvent> findings = new ConcurrentHashMap<>();
    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);
    /** The FAILs kept for SARIF, least severe (and last in report order) first, so the first one goes when full. */
    private final TreeSet<FindingEvent> keptFails = new TreeSet<>(Comparator.comparing(this::severity)
            .thenComparing(FindingEvent.REPORT_ORDER.reversed()));
    private final Set<String> ruleIds = ConcurrentHashMap.newKeySet();
    private final Set<String> findingAccounts = ConcurrentHashMap.newKeySet();
    private final Map<String, RuleMetadata> rules = new ConcurrentHashMap<>();
    private final Set<String> plannedAccounts = ConcurrentHashMap.newKeySet();
    private final Set<String> partitions = ConcurrentHashMap.newKeySet();
    private final List<ContainerFailure> failures = new ArrayList<>();

    /** @param keepEveryFinding true when a report written at the end needs every finding, not only problems */
    ScanRecorder(boolean keepEveryFinding) {
        this(keepEveryFinding, SarifReport.GITHUB_MAX_RESULTS);
    }

    /** @param failCap how many FAILs to keep at most when not keeping every finding: the most severe */
    ScanRecorder(boolean keepEveryFinding, int failCap) {
        this.keepEveryFinding = keepEveryFinding;
        this.failCap = failCap;
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        for (TestIdentifier root : testPlan.getRoots()) {
            for (TestIdentifier child : testPlan.getChildren(root)) {
                segment(child.getUniqueIdObject(), "account").ifPresent(plannedAccounts::add);
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
            findings.put(test.getUniqueId(), finding);
            counts.get(finding.outcome()).increment();
            ruleIds.add(finding.ruleId());
            findingAccounts.add(finding.accountId());
        } else if (test.isContainer()) {
            RuleMetadata.fromEntries(values).ifPresent(rule -> rules.putIfAbsent(rule.id(), rule));
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isContainer() && result.getStatus() == TestExecutionResult.Status.FAILED) {
            UniqueId id = test.getUniqueIdObject();
            String message = result.getThrowable().map(t -> t.getMessage() == null ? t.toString() : t.getMessage())
                    .orElse("failed without a message");
            synchronized (failures) {
                failures.add(new ContainerFailure(segment(id, "account").orElse(null),
                        segment(id, "rule").orElse(null), message));
            }
        }
    }

    /** The finding a test result belongs to, by the finding test's unique id. */
    Optional<FindingEvent> finding(String uniqueId) {
        return uniqueId == null ? Optional.empty() : Optional.ofNullable(findings.get(uniqueId));
    }

    /** Allure has written the finding: forget it unless a SARIF file still needs it. */
    void written(String uniqueId) {
        FindingEvent finding = keepEveryFinding || uniqueId == null ? null : findings.get(uniqueId);
        if (finding == null || finding.outcome() == Outcome.ERROR) {
            return;
        }
        if (finding.outcome() != Outcome.FAIL) {
            findings.remove(uniqueId);
            return;
        }
        FindingEvent dropped;
        synchronized (keptFails) {
            keptFails.add(finding);
            dropped = keptFails.size() > failCap ? keptFails.pollFirst() : null;
        }
        if (dropped != null) {
            findings.remove(dropped.uniqueId());
        }
    }

    private Severity severity(FindingEvent finding) {
        Severity severity = finding.finding().severity();
        return severity != null ? severity : rule(finding.ruleId()).severity();
    }

    /** Every finding still kept (see {@link #written}), sorted by account, rule and resource. */
    List<FindingEvent> findings() {
        return findings.values().stream().sorted(FindingEvent.REPORT_ORDER).toList();
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

    private static Optional<String> segment(UniqueId id, String type) {
        return id.getSegments().stream().filter(s -> s.getType().equals(type)).map(UniqueId.Segment::getValue)
                .findFirst();
    }
}
