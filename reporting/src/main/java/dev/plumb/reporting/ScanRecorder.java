package dev.plumb.reporting;

import dev.plumb.api.ReportEntries;
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
 * Allure writers read from here, never from rule classes.
 */
final class ScanRecorder implements TestExecutionListener {

    /** A container that failed outside of any finding: the engine, an account, a rule. */
    record ContainerFailure(String accountId, String ruleId, String message) {
    }

    private final Map<String, FindingEvent> findings = new ConcurrentHashMap<>();
    private final Map<String, RuleMetadata> rules = new ConcurrentHashMap<>();
    private final Set<String> plannedAccounts = ConcurrentHashMap.newKeySet();
    private final Set<String> partitions = ConcurrentHashMap.newKeySet();
    private final List<ContainerFailure> failures = new ArrayList<>();

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
            findings.put(test.getUniqueId(), FindingEvent.from(test.getUniqueId(), test.getLegacyReportingName(),
                    values));
        } else if (test.isContainer() && values.containsKey(ReportEntries.RULE)
                && values.containsKey(ReportEntries.RULE_TITLE)) {
            rules.putIfAbsent(values.get(ReportEntries.RULE), RuleMetadata.from(values));
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

    /** Every finding, sorted by account, rule and resource. */
    List<FindingEvent> findings() {
        return findings.values().stream().sorted(Comparator.comparing(FindingEvent::accountId)
                .thenComparing(FindingEvent::ruleId).thenComparing(FindingEvent::resource)
                .thenComparing(FindingEvent::uniqueId)).toList();
    }

    RuleMetadata rule(String id) {
        return rules.getOrDefault(id, RuleMetadata.unknown(id));
    }

    /** Every rule that ran, sorted by id, including rules known only from their findings. */
    List<RuleMetadata> rules() {
        Set<String> ids = new TreeSet<>(rules.keySet());
        findings.values().forEach(finding -> ids.add(finding.ruleId()));
        return ids.stream().map(this::rule).toList();
    }

    /** Accounts of the test plan and of the findings, sorted. */
    Set<String> accounts() {
        Set<String> accounts = new TreeSet<>(plannedAccounts);
        findings.values().forEach(finding -> accounts.add(finding.accountId()));
        return accounts;
    }

    Set<String> partitions() {
        return new TreeSet<>(partitions);
    }

    List<ContainerFailure> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    private static Optional<String> segment(UniqueId id, String type) {
        return id.getSegments().stream().filter(s -> s.getType().equals(type)).map(UniqueId.Segment::getValue)
                .findFirst();
    }
}
