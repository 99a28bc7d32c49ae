package dev.plumb.reporting;

import dev.plumb.api.Outcome;
import dev.plumb.api.ReportEntries;
import dev.plumb.internal.report.ReportedFinding;
import dev.plumb.internal.report.RuleMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * the FAILs and ERRORs that the SARIF file needs are kept (every finding when the full SARIF file
 * is asked for), so memory grows with the problems found, not with every finding.
 */
final class ScanRecorder implements TestExecutionListener {

    /** A container that failed outside of any finding: the engine, an account, a rule. */
    record ContainerFailure(String accountId, String ruleId, String message) {
    }

    private final boolean keepEveryFinding;
    private final Map<String, FindingEvent> findings = new ConcurrentHashMap<>();
    private final Set<String> ruleIds = ConcurrentHashMap.newKeySet();
    private final Set<String> findingAccounts = ConcurrentHashMap.newKeySet();
    private final Map<String, RuleMetadata> rules = new ConcurrentHashMap<>();
    private final Set<String> plannedAccounts = ConcurrentHashMap.newKeySet();
    private final Set<String> partitions = ConcurrentHashMap.newKeySet();
    private final List<ContainerFailure> failures = new ArrayList<>();

    /** @param keepEveryFinding true when a report written at the end needs every finding, not only problems */
    ScanRecorder(boolean keepEveryFinding) {
        this.keepEveryFinding = keepEveryFinding;
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
        if (!keepEveryFinding && uniqueId != null) {
            findings.computeIfPresent(uniqueId, (id, finding) ->
                    finding.outcome() == Outcome.FAIL || finding.outcome() == Outcome.ERROR ? finding : null);
        }
    }

    /** Every finding still kept (see {@link #written}), sorted by account, rule and resource. */
    List<FindingEvent> findings() {
        return findings.values().stream().sorted(FindingEvent.REPORT_ORDER).toList();
    }

    long count(Outcome outcome) {
        return findings.values().stream().filter(finding -> finding.outcome() == outcome).count();
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
