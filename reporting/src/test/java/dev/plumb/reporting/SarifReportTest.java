package dev.plumb.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.plumb.testing.ScanReportFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SARIF of a mixed scan: every outcome, two accounts, two rules, one account that failed. */
class SarifReportTest {

    private static Schema schema;

    @TempDir
    Path out;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = SarifReportTest.class.getResourceAsStream("sarif-2.1.0.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    @Test
    void theGitHubFileHoldsOnlyUnsuppressedFailsWithRelativeLocationsAndArnsAsLogicalLocations() throws Exception {
        JsonNode run = scan(SarifOptions.DEFAULT).sarif("plumb.sarif").path("runs").get(0);

        List<JsonNode> results = list(run.path("results"));
        assertThat(results).extracting(r -> r.path("properties").path("resource").asText())
                .containsExactly("arn:aws:iam::111111111111:role/b", "arn:aws:s3:::bucket-one");
        assertThat(results).allSatisfy(result -> {
            assertThat(result.path("kind").asText()).isEqualTo("fail");
            String uri = location(result).path("physicalLocation").path("artifactLocation").path("uri").asText();
            assertThat(uri).isEqualTo("aws/111111111111/" + result.path("ruleId").asText()).doesNotContain(":");
            assertThat(location(result).path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(1);
            assertThat(location(result).path("logicalLocations").get(0).path("fullyQualifiedName").asText())
                    .isEqualTo(result.path("properties").path("resource").asText());
            assertThat(result.path("partialFingerprints").path("primaryLocationLineHash").asText())
                    .matches("[0-9a-f]{32}:1");
            JsonNode rule = run.path("tool").path("driver").path("rules").get(result.path("ruleIndex").asInt());
            assertThat(rule.path("id").asText()).isEqualTo(result.path("ruleId").asText());
            assertThat(result.path("level").asText()).isEqualTo("error");
        });
        assertThat(results.get(0).path("message").path("text").asText()).isEqualTo("Role b is not fine.");
    }

    @Test
    void everyRuleThatRanIsDescribedWithItsSeverity() throws Exception {
        JsonNode driver = scan(SarifOptions.DEFAULT).sarif("plumb.sarif").path("runs").get(0).path("tool").path("driver");

        assertThat(driver.path("name").asText()).isEqualTo("Plumb");
        assertThat(driver.path("version").asText()).isEqualTo("1.2.3");
        assertThat(driver.path("informationUri").asText()).startsWith("https://");
        List<JsonNode> rules = list(driver.path("rules"));
        assertThat(rules).extracting(r -> r.path("id").asText()).containsExactly("demo_rule", "other_rule");
        JsonNode demo = rules.get(0);
        assertThat(demo.path("shortDescription").path("text").asText()).isEqualTo("Title of demo_rule.");
        assertThat(demo.path("fullDescription").path("text").asText()).isEqualTo("Why it matters.");
        assertThat(demo.path("help").path("markdown").asText()).startsWith("# Title of demo_rule");
        assertThat(demo.path("helpUri").asText()).isEqualTo("https://example.org/demo_rule");
        assertThat(demo.path("defaultConfiguration").path("level").asText()).isEqualTo("error");
        assertThat(demo.path("properties").path("security-severity").asText()).isEqualTo("8.0");
        assertThat(list(demo.path("properties").path("tags"))).extracting(JsonNode::asText)
                .containsExactly("security", "iam", "demo");
        assertThat(rules.get(1).path("properties").path("security-severity").asText()).isEqualTo("9.5");
    }

    @Test
    void errorsAndFailedAccountsAreToolExecutionNotificationsAndTheRunIsNotSuccessful() throws Exception {
        JsonNode run = scan(SarifOptions.DEFAULT).sarif("plumb.sarif").path("runs").get(0);

        JsonNode invocation = run.path("invocations").get(0);
        assertThat(invocation.path("executionSuccessful").isBoolean()).isTrue();
        assertThat(invocation.path("executionSuccessful").asBoolean()).isFalse();
        List<JsonNode> notifications = list(invocation.path("toolExecutionNotifications"));
        assertThat(notifications).hasSize(2);
        assertThat(notifications.get(0).path("associatedRule").path("id").asText()).isEqualTo("demo_rule");
        assertThat(notifications.get(0).path("associatedRule").path("index").asInt()).isZero();
        assertThat(notifications.get(0).path("message").path("text").asText()).contains("access denied");
        assertThat(notifications.get(1).path("message").path("text").asText())
                .contains("Account 333333333333 could not be scanned").contains("cannot assume role");
        assertThat(run.path("automationDetails").path("id").asText()).isEqualTo("plumb/aws/");
    }

    @Test
    void aCleanScanOfOneAccountIsSuccessful() throws Exception {
        ScanReportFiles reports = new ScanReportFiles(out);
        ScriptedScan.run(out, SarifOptions.DEFAULT, new ScriptedEngine(ScriptedScan.mixed().subList(0, 3), List.of()));

        JsonNode run = reports.sarif("plumb.sarif").path("runs").get(0);
        assertThat(run.path("invocations").get(0).path("executionSuccessful").asBoolean()).isTrue();
        assertValid(reports.sarif("plumb.sarif"));
    }

    /** GitHub closes the alerts of fixed findings only through an upload with a results array. */
    @Test
    void aPassingScanWritesAnEmptyResultsArray() throws Exception {
        ScriptedScan.run(out, SarifOptions.DEFAULT, new ScriptedEngine(ScriptedScan.mixed().subList(0, 1), List.of()));

        JsonNode run = new ScanReportFiles(out).sarif("plumb.sarif").path("runs").get(0);
        assertThat(run.has("results")).as(run.toPrettyString()).isTrue();
        assertThat(run.path("results").isArray()).isTrue();
        assertThat(run.path("results")).isEmpty();
        assertValid(new ScanReportFiles(out).sarif("plumb.sarif"));
    }

    @Test
    void theCategoryStaysTheSameWhenAnAccountIsAdded(@TempDir Path second) throws Exception {
        ScriptedScan.run(out, SarifOptions.DEFAULT, new ScriptedEngine(ScriptedScan.mixed().subList(0, 3), List.of()));
        ScriptedScan.run(second, SarifOptions.DEFAULT, new ScriptedEngine(ScriptedScan.mixed(), List.of()));

        String before = new ScanReportFiles(out).sarif("plumb.sarif").path("runs").get(0).path("automationDetails")
                .path("id").asText();
        String after = new ScanReportFiles(second).sarif("plumb.sarif").path("runs").get(0).path("automationDetails")
                .path("id").asText();
        assertThat(after).isEqualTo(before).isEqualTo("plumb/aws/");
    }

    @Test
    void anExplicitCategoryIsTheAutomationIdAndTheScanIdIsTheGuid() throws Exception {
        ScanReports reports = ScriptedScan.run(out, new SarifOptions(Map.of(), true, "plumb/prod"),
                new ScriptedEngine(ScriptedScan.mixed(), List.of()));

        for (String file : List.of("plumb.sarif", "plumb-full.sarif.json")) {
            JsonNode details = new ScanReportFiles(out).sarif(file).path("runs").get(0).path("automationDetails");
            assertThat(details.path("id").asText()).isEqualTo("plumb/prod/");
            assertThat(details.path("guid").asText()).isEqualTo(reports.scanId());
        }
    }

    @Test
    void overGitHubsResultLimitTheMostSevereFailsAreKeptAndAWarningSaysHowManyWereLeftOut() throws Exception {
        ScanRecorder recorder = new ScanRecorder(false, out.resolve("spool"));
        ScriptedScan.execute(new ScriptedEngine(ScriptedScan.mixed(), List.of()), recorder,
                ScanRecorderTest.writer(recorder));
        SarifReport sarif = new SarifReport(recorder, "1.2.3", SarifOptions.DEFAULT, "scan-1", 1);

        JsonNode log = new ObjectMapper().valueToTree(sarif.gitHubLog());

        JsonNode run = log.path("runs").get(0);
        assertThat(list(run.path("results"))).extracting(r -> r.path("ruleId").asText() + " "
                + r.path("properties").path("resource").asText()).containsExactly("other_rule arn:aws:s3:::bucket-one");
        JsonNode warning = list(run.path("invocations").get(0).path("toolExecutionNotifications")).stream()
                .filter(n -> n.path("level").asText().equals("warning")).findFirst().orElseThrow();
        assertThat(warning.path("message").path("text").asText())
                .startsWith("1 of 2 FAIL results were left out of the GitHub-ready SARIF file")
                .contains("more than 1 results");
        assertThat(sarif.gitHubWarning()).contains(warning.path("message").path("text").asText());
        assertThat(new SarifReport(recorder, "1.2.3", SarifOptions.DEFAULT, "scan-1", 2).gitHubWarning()).isEmpty();
        assertValid(log);
    }

    @Test
    void theFullFileHoldsEveryOutcomeWithItsKindAndSuppressions() throws Exception {
        ScanReportFiles reports = scan(new SarifOptions(Map.of(), true));

        JsonNode results = reports.sarif("plumb-full.sarif.json").path("runs").get(0).path("results");
        assertThat(list(results)).extracting(r -> r.path("kind").asText())
                .containsExactly("pass", "fail", "fail", "open", "fail", "notApplicable");
        JsonNode suppressed = list(results).stream().filter(r -> !r.path("suppressions").isEmpty()).findFirst()
                .orElseThrow();
        assertThat(suppressed.path("suppressions").get(0).path("justification").asText())
                .isEqualTo("Public website bucket, approved in TICKET-42");
        assertThat(suppressed.path("suppressions").get(0).path("kind").asText()).isEqualTo("external");
        assertThat(list(results)).filteredOn(r -> !r.path("kind").asText().equals("fail"))
                .allSatisfy(r -> assertThat(r.path("level").asText()).isEqualTo("none"));
        assertThat(reports.fullSarifOutcomes()).hasSize(6);
    }

    @Test
    void bothFilesMatchTheSarifSchema() throws Exception {
        ScanReportFiles reports = scan(new SarifOptions(Map.of("111111111111", "infra/prod account/main.tf"), true));

        assertValid(reports.sarif("plumb.sarif"));
        assertValid(reports.sarif("plumb-full.sarif.json"));
    }

    @Test
    void theSchemaCheckCatchesAResultWithoutMessage() throws Exception {
        JsonNode log = scan(SarifOptions.DEFAULT).sarif("plumb.sarif").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) log.path("runs").get(0).path("results").get(0))
                .remove("message");

        assertThat(schema.validate(log)).isNotEmpty();
    }

    @Test
    void aMappedAccountLinksTheRepositoryFileAsARelatedLocation() throws Exception {
        JsonNode results = scan(new SarifOptions(Map.of("111111111111", "infra/prod account/main.tf"), false))
                .sarif("plumb.sarif").path("runs").get(0).path("results");

        assertThat(list(results)).isNotEmpty().allSatisfy(result -> {
            JsonNode related = result.path("relatedLocations").get(0);
            assertThat(related.path("physicalLocation").path("artifactLocation").path("uri").asText())
                    .isEqualTo("infra/prod%20account/main.tf");
            assertThat(result.path("message").path("text").asText())
                    .endsWith("[infra/prod account/main.tf](" + related.path("id").asInt() + ").");
        });
    }

    /**
     * codeql-action's upload-sarif ({@code src/fingerprints.ts}) hashes the line of a result's primary
     * location whenever its URI is a file of the checkout and that location has a {@code startLine}:
     * it fills a missing {@code primaryLocationLineHash} with the hash of that line's text and warns
     * "Calculated fingerprint of ... but found existing inconsistent fingerprint value ..." when the
     * file has another one. GitHub tells alerts apart by that hash alone. So with a mapped file in the
     * checkout, no primary location may resolve to it (or any file), and Plumb's own hash, distinct per
     * rule, account and resource and the same in every scan, must be there.
     */
    @Test
    void withAMappedFileInTheCheckoutUploadSarifComputesNoFingerprintAndAlertsStayDistinctAndStable(
            @TempDir Path checkout, @TempDir Path second) throws Exception {
        SarifOptions mapped = new SarifOptions(Map.of("111111111111", "infra/prod account/main.tf",
                "222222222222", "infra/prod account/main.tf"), false);
        Files.createDirectories(checkout.resolve("infra/prod account"));
        Files.writeString(checkout.resolve("infra/prod account/main.tf"), "module \"baseline\" {}\n");
        List<JsonNode> results = list(scan(mapped).sarif("plumb.sarif").path("runs").get(0).path("results"));
        Files.writeString(checkout.resolve("infra/prod account/main.tf"), "# edited\nmodule \"baseline\" {}\n");
        ScriptedScan.run(second, mapped, new ScriptedEngine(ScriptedScan.mixed(), List.of("333333333333")));

        assertThat(results).hasSizeGreaterThan(1).allSatisfy(result -> {
            JsonNode physical = location(result).path("physicalLocation");
            assertThat(physical.path("region").path("startLine").isInt()).isTrue();
            String uri = java.net.URLDecoder.decode(physical.path("artifactLocation").path("uri").asText(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(checkout.resolve(uri)).as("codeql-action hashes a primary location in the checkout")
                    .doesNotExist();
        });
        assertThat(fingerprints(new ScanReportFiles(out))).doesNotHaveDuplicates()
                .isEqualTo(fingerprints(new ScanReportFiles(second)));
    }

    @Test
    void fingerprintsAreStableAcrossRunsAndDifferPerFinding(@TempDir Path second) throws Exception {
        List<String> first = fingerprints(scan(SarifOptions.DEFAULT));
        ScriptedScan.run(second, SarifOptions.DEFAULT, new ScriptedEngine(ScriptedScan.mixed(), List.of("333333333333")));

        assertThat(fingerprints(new ScanReportFiles(second))).isEqualTo(first).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void withoutSarifFullAnOldFullFileIsRemoved() throws Exception {
        scan(new SarifOptions(Map.of(), true));
        assertThat(out.resolve("plumb-full.sarif.json")).exists();

        scan(SarifOptions.DEFAULT);

        assertThat(out.resolve("plumb-full.sarif.json")).doesNotExist();
        assertThat(out.resolve("plumb.sarif")).exists();
    }

    /**
     * codeql-action uploads every file named {@code *.sarif} under a directory ({@code
     * findSarifFilesInDir} in {@code src/upload-lib.ts}, matching {@code path.extname(name) === ".sarif"});
     * two runs of one tool and category in one upload are rejected.
     */
    @Test
    void aDirectoryUploadFindsOnlyTheGitHubFile() throws Exception {
        Files.writeString(out.resolve("plumb-full.sarif"), "{\"left\": \"by an older Plumb\"}");
        scan(new SarifOptions(Map.of(), true));

        List<String> uploaded;
        try (var walk = Files.walk(out)) {
            uploaded = walk.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".sarif")).toList();
        }
        assertThat(uploaded).containsExactly("plumb.sarif");
        assertThat(out.resolve("plumb-full.sarif.json")).isRegularFile();
    }

    private ScanReportFiles scan(SarifOptions options) throws Exception {
        ScriptedScan.run(out, options, new ScriptedEngine(ScriptedScan.mixed(), List.of("333333333333")));
        return new ScanReportFiles(out);
    }

    private static void assertValid(JsonNode log) {
        assertThat(schema.validate(log)).as(log.toPrettyString()).isEmpty();
    }

    private static List<String> fingerprints(ScanReportFiles reports) {
        return list(reports.sarif("plumb.sarif").path("runs").get(0).path("results")).stream()
                .map(r -> r.path("partialFingerprints").path("primaryLocationLineHash").asText()).toList();
    }

    private static JsonNode location(JsonNode result) {
        return result.path("locations").get(0);
    }

    private static List<JsonNode> list(JsonNode array) {
        return new ArrayList<>(StreamSupport.stream(array.spliterator(), false).toList());
    }

    static ObjectMapper json() {
        return new ObjectMapper();
    }
}
