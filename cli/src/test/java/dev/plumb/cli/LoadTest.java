package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.plumb.testing.JUnitXml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 offline accounts scanned with a synthetic rule pack (src/test/plugins/load, loaded as a plugin
 * jar) that reports 100 findings in each: 50,000 findings, every outcome, part of the FAILs suppressed.
 * All three reports must be complete and valid. Time and memory are measured by bench/load.py, not here.
 */
class LoadTest {

    private static final int ACCOUNTS = 500;
    private static final int FINDINGS = ACCOUNTS * 100;
    private static final int PASS = ACCOUNTS * 60;
    private static final int FAIL = ACCOUNTS * 25;
    private static final int SUPPRESSED = ACCOUNTS * 5;
    private static final int ERROR = ACCOUNTS * 5;
    /** The SARIF file lists the first ERRORs of a scan in report order, no more. */
    private static final int ERRORS_LISTED = 1000;
    private static final int SKIPPED = ACCOUNTS * 5;
    private static final Path SARIF_SCHEMA = Path.of("../reporting/src/test/resources/dev/plumb/reporting/sarif-2.1.0.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void fiftyThousandFindingsOfFiveHundredAccountsReachEveryReportCompleteAndValid() throws Exception {
        Path plugins = work.resolve("plugins");
        PluginJars.build("load", plugins, "load.jar");
        List<String> args = new ArrayList<>(List.of("scan", "--plugins", plugins.toString(), "--rules", "load_*",
                "--suppressions", suppressions().toString(), "--quiet"));
        for (int i = 0; i < ACCOUNTS; i++) {
            args.add("--snapshot");
            args.add(snapshot(accountId(i)).toString());
        }
        Path out = work.resolve("out");

        Cli result = Cli.run(out, args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.out()).contains("500 accounts, 4 rules, 50000 findings")
                .contains("PASS " + PASS + "  FAIL " + FAIL + "  ERROR " + ERROR + "  SKIPPED " + SKIPPED
                        + "  SUPPRESSED " + SUPPRESSED)
                .contains("... and " + (FAIL + ERROR - 20) + " more in the reports");
        assertThat(result.err()).doesNotContain("warning");

        JUnitXml junit = result.junit();
        assertThat(junit.tests()).isEqualTo(FINDINGS);
        assertThat(junit.failures()).isEqualTo(FAIL);
        assertThat(junit.errors()).isEqualTo(ERROR);
        assertThat(junit.skipped()).isEqualTo(SKIPPED + SUPPRESSED);
        assertThat(junit.cases()).filteredOn(c -> c.message() != null && c.message().contains("Suppressed: "))
                .hasSize(SUPPRESSED);

        assertThat(allureStatuses(out.resolve("allure-results"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "passed", PASS, "failed", FAIL, "broken", ERROR, "skipped", SKIPPED + SUPPRESSED));

        JsonNode sarif = JSON.readTree(out.resolve("plumb.sarif").toFile());
        assertThat(sarif.path("runs")).hasSize(1);
        JsonNode run = sarif.path("runs").get(0);
        assertThat(run.path("results")).hasSize(FAIL);
        Set<String> fingerprints = new HashSet<>();
        for (JsonNode finding : run.path("results")) {
            assertThat(finding.path("kind").asText()).isEqualTo("fail");
            assertThat(finding.path("properties").path("resource").asText()).doesNotContain("-legacy-");
            fingerprints.add(finding.path("partialFingerprints").path("primaryLocationLineHash").asText());
        }
        assertThat(fingerprints).hasSize(FAIL);
        // the first ERRORs in report order are listed, up to the cap; one more notification counts the rest
        JsonNode notifications = run.path("invocations").get(0).path("toolExecutionNotifications");
        assertThat(notifications).hasSize(ERRORS_LISTED + 1);
        assertThat(notifications.get(0).path("message").path("text").asText()).contains("account 100000000000;");
        assertThat(notifications.get(ERRORS_LISTED).path("message").path("text").asText())
                .startsWith((ERROR - ERRORS_LISTED) + " more ERROR findings are not listed here");
        assertThat(run.path("properties").path("accounts")).hasSize(ACCOUNTS);
        assertThat(schema().validate(sarif)).as("SARIF schema errors").isEmpty();
    }

    /** Counts result files by status; every file is one finding with a name of its own. */
    private static Map<String, Integer> allureStatuses(Path results) throws IOException {
        Map<String, Integer> statuses = new TreeMap<>();
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
                JsonNode result = JSON.readTree(file.toFile());
                assertThat(names.add(result.path("name").asText())).as("Allure result written twice: %s", file)
                        .isTrue();
                statuses.merge(result.path("status").asText(), 1, Integer::sum);
            }
        }
        return statuses;
    }

    private Path suppressions() throws IOException {
        return Files.writeString(work.resolve("suppressions.yaml"), """
                suppressions:
                  - rule: load_bucket_encryption
                    resource: "arn:aws:s3:::load-*-legacy-*"
                    reason: Legacy buckets are emptied and deleted in the migration (TICKET-7)
                """);
    }

    private static String accountId(int index) {
        return String.valueOf(100_000_000_000L + index);
    }

    /** The smallest snapshot that names its account: one role. */
    private Path snapshot(String account) throws IOException {
        Path directory = Files.createDirectories(work.resolve("snapshots"));
        return Files.writeString(directory.resolve(account + ".json"), """
                {"UserDetailList": [], "GroupDetailList": [], "Policies": [], "RoleDetailList": [{
                  "Path": "/", "RoleName": "audit", "RoleId": "AROAAUDIT%s", "Arn": "arn:aws:iam::%s:role/audit",
                  "CreateDate": "2025-01-01T00:00:00+00:00", "RolePolicyList": [], "AttachedManagedPolicies": [],
                  "InstanceProfileList": [], "Tags": [], "RoleLastUsed": {},
                  "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}}]}
                """.formatted(account, account));
    }

    private static Schema schema() throws IOException {
        try (InputStream in = Files.newInputStream(SARIF_SCHEMA)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }
}
