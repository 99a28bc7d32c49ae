package dev.plumb.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plumb.testing.ScanReportFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Allure results of a mixed scan, written by AllureJunitPlatform and completed from the report entries. */
class AllureResultsTest {

    private static final String SUPPRESSED = "other_rule [222222222222] arn:aws:s3:::bucket-three";

    @TempDir
    Path out;

    @Test
    void oneResultPerFindingWithTheStatusOfTheOutcomeTable() throws Exception {
        ScanReportFiles reports = scan();

        assertThat(reports.allureOutcomes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "demo_rule [111111111111] arn:aws:iam::111111111111:role/a", "PASS",
                "demo_rule [111111111111] arn:aws:iam::111111111111:role/b", "FAIL",
                "other_rule [111111111111] arn:aws:s3:::bucket-one", "FAIL",
                "demo_rule [222222222222] arn:aws:iam::222222222222:root", "ERROR",
                "other_rule [222222222222] arn:aws:s3:::bucket-two", "SKIPPED",
                SUPPRESSED, "SKIPPED",
                "Account 333333333333 failed", "ERROR"));
    }

    @Test
    void theThreeFormatsAgreeFindingByFinding() throws Exception {
        ScanReportFiles reports = new ScanReportFiles(out);
        ScriptedScan.run(out, new SarifOptions(Map.of(), true), new ScriptedEngine(ScriptedScan.mixed(), List.of()));

        reports.assertFormatsAgree();
        assertThat(reports.junitOutcomes()).hasSize(6);
    }

    @Test
    void aResultCarriesSeverityGroupingTagsLinkParametersDescriptionAndEvidence() throws Exception {
        JsonNode result = result(scan(), "demo_rule [111111111111] arn:aws:iam::111111111111:role/b");

        assertThat(label(result, "severity")).containsExactly("critical");
        assertThat(label(result, "parentSuite")).containsExactly("Account 111111111111 (aws)");
        assertThat(label(result, "suite")).containsExactly("demo_rule");
        assertThat(label(result, "feature")).containsExactly("Title of demo_rule");
        assertThat(label(result, "story")).containsExactly("Account 111111111111");
        assertThat(label(result, "tag")).containsExactly("iam", "demo", "CIS-AWS-3.0:1.1");
        assertThat(result.path("links").get(0).path("url").asText()).isEqualTo("https://example.org/demo_rule");
        assertThat(values(result.path("parameters"), "name")).containsExactly("account", "partition", "resource");
        assertThat(result.path("description").asText()).startsWith("# Title of demo_rule");
        assertThat(result.path("statusDetails").path("message").asText()).isEqualTo("Role b is not fine");
        String evidence = result.path("attachments").get(0).path("source").asText();
        assertThat(out.resolve("allure-results").resolve(evidence)).content()
                .contains("\"checked\"").contains("arn:aws:iam::111111111111:role/b");
        assertThat(result.path("historyId").asText())
                .isEqualTo(Fingerprint.of("demo_rule", "111111111111", "arn:aws:iam::111111111111:role/b"));
    }

    @Test
    void aSuppressedFindingIsSkippedMutedAndGivesItsReason() throws Exception {
        JsonNode result = result(scan(), SUPPRESSED);

        assertThat(result.path("status").asText()).isEqualTo("skipped");
        assertThat(result.path("statusDetails").path("muted").asBoolean()).isTrue();
        assertThat(result.path("statusDetails").path("message").asText())
                .startsWith("Suppressed: Public website bucket, approved in TICKET-42");
        assertThat(label(result, "tag")).contains("suppressed");
    }

    @Test
    void runFilesDescribeTheScanAndSeparateNotCompliantFromCouldNotEvaluate() throws Exception {
        scan();
        Path results = out.resolve("allure-results");

        Properties environment = new Properties();
        try (var in = Files.newBufferedReader(results.resolve("environment.properties"))) {
            environment.load(in);
        }
        assertThat(environment).containsEntry("Plumb", "1.2.3").containsEntry("Partition", "aws")
                .containsEntry("Accounts", "111111111111, 222222222222, 333333333333");
        JsonNode categories = SarifReportTest.json().readTree(results.resolve("categories.json").toFile());
        assertThat(values(categories, "name")).startsWith("Not compliant", "Could not evaluate");
        assertThat(categories.get(0).path("matchedStatuses").get(0).asText()).isEqualTo("failed");
        assertThat(categories.get(1).path("matchedStatuses").get(0).asText()).isEqualTo("broken");
        assertThat(SarifReportTest.json().readTree(results.resolve("executor.json").toFile()).path("name").asText())
                .isEqualTo("Plumb");
    }

    @Test
    void aNewScanReplacesThePreviousResultsAndLeavesOtherFilesAlone() throws Exception {
        Path results = Files.createDirectories(out.resolve("allure-results"));
        Path old = Files.writeString(results.resolve("0b7a3f4e-1111-2222-3333-444455556666-result.json"), "{}");
        Path notes = Files.writeString(results.resolve("notes.txt"), "mine");
        Path history = Files.createDirectories(results.resolve("history"));

        scan();
        long first = new ScanReportFiles(out).allureResults().size();
        scan();

        assertThat(old).doesNotExist();
        assertThat(notes).hasContent("mine");
        assertThat(history).isDirectory();
        assertThat(new ScanReportFiles(out).allureResults()).hasSize((int) first).hasSize(7);
    }

    private ScanReportFiles scan() throws Exception {
        ScriptedScan.run(out, SarifOptions.DEFAULT, new ScriptedEngine(ScriptedScan.mixed(), List.of("333333333333")));
        return new ScanReportFiles(out);
    }

    private static JsonNode result(ScanReportFiles reports, String name) {
        return reports.allureResults().stream().filter(r -> r.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Allure result named " + name));
    }

    private static List<String> label(JsonNode result, String name) {
        return StreamSupport.stream(result.path("labels").spliterator(), false)
                .filter(l -> l.path("name").asText().equals(name)).map(l -> l.path("value").asText()).toList();
    }

    private static List<String> values(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }
}
