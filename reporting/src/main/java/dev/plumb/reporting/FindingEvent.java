package dev.plumb.reporting;

import dev.plumb.api.Outcome;
import dev.plumb.api.ReportEntries;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.UniqueId;

/**
 * One finding as the engine published it through report entries.
 *
 * @param uniqueId          the finding test's unique id
 * @param name              its JUnit XML test case name, {@code <rule> [<account>] <resource>}
 * @param suppressionReason the justification of a SUPPRESSED finding, else null
 */
record FindingEvent(String uniqueId, String name, Outcome outcome, String ruleId, String accountId,
        String partition, String resource, String message, Map<String, String> evidence, String suppressionReason) {

    /** By account, rule, resource: the order of every report. */
    static final java.util.Comparator<FindingEvent> REPORT_ORDER = java.util.Comparator.comparing(
            FindingEvent::accountId).thenComparing(FindingEvent::ruleId).thenComparing(FindingEvent::resource)
            .thenComparing(FindingEvent::uniqueId);

    FindingEvent {
        evidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    static FindingEvent from(String uniqueId, String name, Map<String, String> entries) {
        Map<String, String> evidence = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            if (key.startsWith(ReportEntries.EVIDENCE_PREFIX)) {
                evidence.put(key.substring(ReportEntries.EVIDENCE_PREFIX.length()), value);
            }
        });
        return new FindingEvent(uniqueId, name, Outcome.valueOf(entries.get(ReportEntries.OUTCOME)),
                entries.get(ReportEntries.RULE), entries.get(ReportEntries.ACCOUNT),
                entries.getOrDefault(ReportEntries.PARTITION, "aws"), entries.get(ReportEntries.RESOURCE),
                entries.getOrDefault(ReportEntries.MESSAGE, ""), evidence,
                entries.get(ReportEntries.SUPPRESSION_REASON));
    }

    /**
     * Rule, account and resource; the second and later findings of one resource in one rule
     * ({@code [occurrence:<resource>#<n>]}) add their number, so that Allure does not merge them
     * as retries of one test and SARIF keeps them apart.
     */
    String fingerprint() {
        UniqueId.Segment last = UniqueId.parse(uniqueId).getLastSegment();
        if (last.getType().equals("occurrence")) {
            String value = last.getValue();
            return Fingerprint.of(ruleId, accountId, resource, value.substring(value.lastIndexOf('#') + 1));
        }
        return Fingerprint.of(ruleId, accountId, resource);
    }
}
