package dev.plumb.reporting;

import dev.plumb.api.Outcome;
import dev.plumb.internal.report.ReportedFinding;
import java.util.Comparator;
import java.util.Map;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestIdentifier;

/**
 * One finding test as the report writers see it: the finding the engine published, with the
 * test's unique id and its test case name.
 *
 * @param uniqueId the finding test's unique id
 * @param name     its test case name, {@code <rule> [<account>] <resource>}, unique in the scan
 */
record FindingEvent(String uniqueId, String name, ReportedFinding finding) {

    /** By account, rule, resource: the order of every report. */
    static final Comparator<FindingEvent> REPORT_ORDER = Comparator.comparing(FindingEvent::accountId)
            .thenComparing(FindingEvent::ruleId).thenComparing(FindingEvent::resource)
            .thenComparing(FindingEvent::uniqueId);

    /** The finding a test published; its name is unique because the test's display name is unique per rule and account. */
    static FindingEvent of(TestIdentifier test, ReportedFinding finding) {
        return new FindingEvent(test.getUniqueId(), finding.ruleId() + " [" + finding.accountId() + "] "
                + test.getDisplayName(), finding);
    }

    Outcome outcome() {
        return finding.outcome();
    }

    String ruleId() {
        return finding.ruleId();
    }

    String accountId() {
        return finding.accountId();
    }

    String partition() {
        return finding.partition();
    }

    String resource() {
        return finding.resource();
    }

    String message() {
        return finding.message();
    }

    Map<String, String> evidence() {
        return finding.evidence();
    }

    String suppressionReason() {
        return finding.suppressionReason();
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
            return Fingerprint.of(ruleId(), accountId(), resource(), value.substring(value.lastIndexOf('#') + 1));
        }
        return Fingerprint.of(ruleId(), accountId(), resource());
    }
}
