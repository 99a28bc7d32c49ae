package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plumb.testing.IamFixtures;
import dev.plumb.testing.MotoServer;
import dev.plumb.testing.ScanReportFiles;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.iam.IamClient;

/** JUnit XML, Allure results and SARIF of real scans (moto and sample snapshots) agree finding by finding. */
class ReportFormatsTest {

    private static final String ACCOUNT = MotoServer.DEFAULT_ACCOUNT;
    private static final Path SNAPSHOTS = Path.of("..", "samples", "snapshots");

    private final MotoServer moto = MotoServer.shared();

    @TempDir
    Path reports;

    @BeforeEach
    void emptyAccount() {
        moto.reset();
    }

    static Stream<Arguments> motoScenarios() {
        return Stream.of(
                Arguments.of("compliant", "us-east-1", "PASS",
                        (Consumer<IamClient>) iam -> new IamFixtures(iam, "aws").role("unrelated").supportRole("s")),
                Arguments.of("no roles", "us-east-1", "FAIL", (Consumer<IamClient>) iam -> { }),
                Arguments.of("user and group only", "us-east-1", "FAIL", (Consumer<IamClient>) iam -> {
                    IamFixtures fixtures = new IamFixtures(iam, "aws");
                    fixtures.role("other").userWithPolicy("alice", fixtures.supportPolicyArn())
                            .groupWithPolicy("oncall", fixtures.supportPolicyArn());
                }),
                Arguments.of("look-alike customer policy", "us-east-1", "FAIL", (Consumer<IamClient>) iam -> {
                    IamFixtures fixtures = new IamFixtures(iam, "aws");
                    fixtures.roleWithPolicy("looks-right", fixtures.customerPolicy("AWSSupportAccess"));
                }),
                Arguments.of("aws-cn", "cn-north-1", "PASS",
                        (Consumer<IamClient>) iam -> new IamFixtures(iam, "aws-cn").supportRole("s")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("motoScenarios")
    void theThreeFormatsAgreeForEachMotoScenario(String scenario, String region, String outcome,
            Consumer<IamClient> fixtures) {
        try (IamClient iam = moto.iam(region)) {
            fixtures.accept(iam);
        }

        Cli result = Cli.run(reports, "scan", "--endpoint-url", moto.endpoint(), "--region", region, "--sarif-full");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(outcome.equals("PASS") ? 0 : 1);
        ScanReportFiles files = new ScanReportFiles(reports);
        files.assertFormatsAgree();
        assertThat(files.junitOutcomes()).containsOnlyKeys("account_supportrole [" + ACCOUNT + "] arn:"
                + (region.startsWith("cn-") ? "aws-cn" : "aws") + ":iam::" + ACCOUNT + ":root").containsValue(outcome);
        JsonNode run = files.sarif("plumb.sarif").path("runs").get(0);
        assertThat(run.path("results").size()).isEqualTo(outcome.equals("FAIL") ? 1 : 0);
        assertThat(run.path("tool").path("driver").path("rules").get(0).path("id").asText())
                .isEqualTo("account_supportrole");
        assertThat(run.path("automationDetails").path("id").asText())
                .isEqualTo("plumb/" + (region.startsWith("cn-") ? "aws-cn" : "aws") + "/" + ACCOUNT + "/");
        assertThat(result.out()).contains("allure-results").contains("plumb.sarif").contains("plumb-full.sarif.json");
    }

    @Test
    void aMixedScanOfTwoSnapshotsAgreesAndLinksTheFailingAccountToARepositoryFile() {
        Cli result = Cli.run(reports, "scan", "--snapshot", SNAPSHOTS.resolve("compliant.json").toString(),
                "--snapshot", SNAPSHOTS.resolve("support-on-user-only.json").toString(), "--sarif-full",
                "--sarif-location", "345678901234=infra/accounts/prod/main.tf");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        ScanReportFiles files = new ScanReportFiles(reports);
        files.assertFormatsAgree();
        assertThat(files.junitOutcomes()).containsValues("PASS", "FAIL").hasSize(2);
        JsonNode failure = files.sarif("plumb.sarif").path("runs").get(0).path("results").get(0);
        assertThat(failure.path("relatedLocations").get(0).path("physicalLocation").path("artifactLocation")
                .path("uri").asText()).isEqualTo("infra/accounts/prod/main.tf");
        assertThat(failure.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri")
                .asText()).isEqualTo("aws/345678901234/account_supportrole");
        assertThat(files.sarif("plumb.sarif").path("runs").get(0).path("automationDetails").path("id").asText())
                .as("snapshot lists change: the category does not follow them").isEqualTo("plumb/aws/");
        assertThat(failure.path("locations").get(0).path("logicalLocations").get(0).path("fullyQualifiedName")
                .asText()).isEqualTo("arn:aws:iam::345678901234:root");
    }

    @ParameterizedTest
    @MethodSource("badLocations")
    void aBadSarifLocationIsOneLineAndExitThreeWithoutReports(String value, String problem) {
        Cli result = Cli.run(reports, "scan", "--snapshot", SNAPSHOTS.resolve("compliant.json").toString(),
                "--sarif-location", value);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("--sarif-location").contains(problem);
        assertThat(reports.resolve("plumb.sarif")).doesNotExist();
    }

    static Stream<Arguments> badLocations() {
        return Stream.of(
                Arguments.of("12345=main.tf", "12-digit"),
                Arguments.of("main.tf", "ACCOUNT=PATH"),
                Arguments.of("123456789012=C:/infra/main.tf", "colon"),
                Arguments.of("123456789012=/etc/main.tf", "absolute"),
                Arguments.of("123456789012=../other/main.tf", ".."));
    }

    @Test
    void sarifCategorySetsTheAutomationId() {
        Cli result = Cli.run(reports, "scan", "--snapshot", SNAPSHOTS.resolve("compliant.json").toString(),
                "--sarif-category", "plumb/prod-baseline");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(new ScanReportFiles(reports).sarif("plumb.sarif").path("runs").get(0).path("automationDetails")
                .path("id").asText()).isEqualTo("plumb/prod-baseline/");
    }

    @Test
    void aBadSarifCategoryIsOneLineAndExitThree() {
        Cli result = Cli.run(reports, "scan", "--snapshot", SNAPSHOTS.resolve("compliant.json").toString(),
                "--sarif-category", "plumb\\prod");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("--sarif-category");
    }
}
