package dev.plumb.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plumb.api.Outcome;
import dev.plumb.api.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report-entry format of findings and rules, written and read in one place. */
class ReportEntryRecordsTest {

    @Test
    void aFindingSurvivesItsReportEntriesWithEvidenceInOrderAndItsSuppression() {
        ReportedFinding finding = new ReportedFinding(Outcome.SUPPRESSED, "rule_a", "111111111111", "aws-cn",
                "arn:aws-cn:iam::111111111111:root", "Not compliant.", Severity.HIGH,
                new java.util.LinkedHashMap<>(Map.of("b", "2")), "Accepted (SEC-1)", "suppressions.yaml:3");

        Map<String, String> entries = finding.toEntries();

        assertThat(entries).containsEntry(ReportEntries.OUTCOME, "SUPPRESSED").containsEntry(ReportEntries.SEVERITY, "high")
                .containsEntry(ReportEntries.EVIDENCE_PREFIX + "b", "2")
                .containsEntry(ReportEntries.SUPPRESSION_ENTRY, "suppressions.yaml:3");
        assertThat(ReportedFinding.fromEntries(entries)).contains(finding);
    }

    @Test
    void blankValuesAreLeftOutAndRuleEntriesAreNoFinding() {
        ReportedFinding finding = new ReportedFinding(Outcome.PASS, "rule_a", "111111111111", null, "arn:x", "",
                null, Map.of("empty", " "), null, null);
        RuleMetadata rule = new RuleMetadata("rule_a", "Title", Severity.LOW, List.of("iam", "s3"), List.of(), "",
                "pack");

        assertThat(finding.toEntries()).doesNotContainKeys(ReportEntries.MESSAGE, ReportEntries.SEVERITY,
                ReportEntries.EVIDENCE_PREFIX + "empty").containsEntry(ReportEntries.PARTITION, "aws");
        Map<String, String> ruleEntries = rule.toEntries("111111111111", "aws");
        assertThat(ReportedFinding.fromEntries(ruleEntries)).isEmpty();
        assertThat(RuleMetadata.fromEntries(ruleEntries)).contains(rule);
        assertThat(RuleMetadata.fromEntries(finding.toEntries())).isEmpty();
    }

    @Test
    void entriesThatClaimAFindingWithoutItsKeysAreRefused() {
        assertThatThrownBy(() -> ReportedFinding.fromEntries(Map.of(ReportEntries.OUTCOME, "FAIL",
                ReportEntries.RULE, "rule_a"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ReportEntries.ACCOUNT);
    }
}
