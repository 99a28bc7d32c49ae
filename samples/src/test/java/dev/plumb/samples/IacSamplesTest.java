package dev.plumb.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumb.samples.IacSamples.PlanSample;
import dev.plumb.samples.IacSamples.SourceLine;
import dev.plumb.testing.IamFixtures;
import dev.plumb.testing.SarifMultitool;
import dev.plumb.testing.JUnitXml;
import dev.plumb.testing.MotoServer;
import dev.plumb.testing.ScanReportFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The Terraform samples give the verdicts samples/iac/README.md documents, through the real
 * launcher, in JUnit XML, Allure and SARIF, with SARIF results on the line of the .tf file.
 */
@Tag("iac")
class IacSamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<PlanSample> PLANS = IacSamples.PLANS;

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @FieldSource("PLANS")
    void eachPlanGivesItsDocumentedVerdictInEveryReport(PlanSample sample) throws Exception {
        Launcher result = scan(sample, List.of("--sarif-full"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode(sample.outcome()));
        ScanReportFiles reports = new ScanReportFiles(workDir.resolve("reports"));
        reports.assertFormatsAgree();
        JUnitXml.TestCase finding = reports.junit().only();
        assertThat(finding.name()).isEqualTo(sample.testCase());
        assertThat(finding.outcome()).isEqualTo(sample.outcome());
        assertThat(finding.message() + "\n" + finding.output()).contains(sample.message());
        assertThat(reports.allureOutcomes()).containsExactly(Map.entry(sample.testCase(), sample.outcome()));

        JsonNode run = reports.sarif("plumb.sarif").path("runs").get(0);
        if (sample.sarif() == null) {
            assertThat(run.path("results")).as("results of a " + sample.outcome()).isEmpty();
        } else {
            assertSarifResultAt(run, sample.sarif());
            assertSourceInJUnitAndAllure(reports, sample.sarif());
        }
        if (sample.outcome().equals("ERROR")) {
            assertThat(run.path("invocations").get(0).path("toolExecutionNotifications").findValuesAsText("text"))
                    .anyMatch(text -> text.contains(sample.message()));
        }
    }

    /** The StackSet template alone: its role gets the policy through !Sub with ${AWS::Partition}. */
    @Test
    void theStackSetTemplatePasses() throws Exception {
        String template = IacSamples.IAC.resolve("cloudformation/support-role.yaml").toString();

        Launcher result = Launcher.run(workDir, Map.of(), "scan", "--cloudformation", template,
                "--account", "210987654321", "--source-root", Launcher.ROOT.toString(), "-o", "reports", "--sarif-full");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        ScanReportFiles reports = new ScanReportFiles(workDir.resolve("reports"));
        reports.assertFormatsAgree();
        JUnitXml.TestCase finding = reports.junit().only();
        assertThat(finding.name()).isEqualTo("account_supportrole [210987654321] arn:aws:iam::210987654321:root");
        assertThat(finding.outcome()).isEqualTo("PASS");
        assertThat(finding.output()).contains("aws-support");
        assertThat(reports.sarif("plumb.sarif").path("runs").get(0).path("results")).isEmpty();
    }

    /** Plan over an account: the account passes today, and fails with the plan applied. */
    @Test
    void aPlanThatDeletesTheOnlyAttachmentTurnsAPassingSnapshotIntoAFail() throws Exception {
        Path compliant = Launcher.SNAPSHOTS.resolve("compliant.json");
        Launcher before = Launcher.run(workDir, Map.of(), "scan", "--snapshot", compliant.toString(), "-o", "before");
        assertThat(before.exitCode()).as(before.toString()).isZero();

        Launcher after = scan(IacSamples.ATTACHMENT_DELETED, List.of("--snapshot", compliant.toString()));

        assertThat(after.exitCode()).as(after.toString()).isEqualTo(1);
        ScanReportFiles reports = new ScanReportFiles(workDir.resolve("reports"));
        JUnitXml.TestCase finding = reports.junit().only();
        assertThat(finding.name()).isEqualTo(IacSamples.ATTACHMENT_DELETED.testCase());
        assertThat(finding.outcome()).isEqualTo("FAIL");
        assertSarifResultAt(reports.sarif("plumb.sarif").path("runs").get(0), IacSamples.BASELINE_ATTACHMENT);
    }

    /** Plan over a live account (moto): the role with the policy is there now, and the plan takes it away. */
    @Test
    void aPlanOverALiveAccountJudgesTheAccountAfterApply() throws Exception {
        String account = IacSamples.ATTACHMENT_DELETED.account();
        MotoServer moto = MotoServer.shared();
        moto.reset();
        try (IamClient iam = moto.iamIn(account, "us-east-1"); StsClient sts = moto.sts("us-east-1")) {
            new IamFixtures(iam, "aws").supportRole("aws-support");
            Credentials session = sts.assumeRole(request -> request.roleArn("arn:aws:iam::" + account + ":role/plumb-scan")
                    .roleSessionName("plumb")).credentials();
            Map<String, String> credentials = Map.of("AWS_ACCESS_KEY_ID", session.accessKeyId(),
                    "AWS_SECRET_ACCESS_KEY", session.secretAccessKey(), "AWS_SESSION_TOKEN", session.sessionToken());
            Launcher today = Launcher.run(workDir, credentials, "scan", "--endpoint-url", moto.endpoint(), "-o", "today");
            assertThat(today.exitCode()).as(today.toString()).isZero();

            Launcher after = Launcher.run(workDir, credentials, "scan", "--endpoint-url", moto.endpoint(),
                    "--terraform-plan", IacSamples.ATTACHMENT_DELETED.planFile().toString(),
                    "--terraform-dir", IacSamples.ATTACHMENT_DELETED.directory().toString(),
                    "--source-root", Launcher.ROOT.toString(), "-o", "reports");

            assertThat(after.exitCode()).as(after.toString()).isEqualTo(1);
            JUnitXml.TestCase finding = new ScanReportFiles(workDir.resolve("reports")).junit().only();
            assertThat(finding.name()).isEqualTo(IacSamples.ATTACHMENT_DELETED.testCase());
            assertThat(finding.outcome()).isEqualTo("FAIL");
        }
    }

    @Test
    void aPlanWithoutAnAccountNeedsTheAccountOption() throws Exception {
        PlanSample sample = IacSamples.UNKNOWN_POLICY_ARN;
        Launcher result = Launcher.run(workDir, Map.of(), "scan", "--terraform-plan", sample.planFile().toString(),
                "--terraform-dir", sample.directory().toString(), "-o", "reports");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("--account");
        assertThat(workDir.resolve("reports")).doesNotExist();
    }

    /** The SARIF of a FAIL on a .tf line passes GitHub's rules (runs where the multitool is installed). */
    @Test
    void theGateSarifPassesTheMultitoolWithGitHubRules() throws Exception {
        SarifMultitool multitool = SarifMultitool.of(Launcher.ROOT);
        Launcher result = scan(IacSamples.ATTACHMENT_DELETED, List.of("--sarif-full"));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);

        assertThat(multitool.problems(workDir.resolve("reports/plumb.sarif"))).isEmpty();
        assertThat(multitool.problems(workDir.resolve("reports/plumb-full.sarif.json"))).isEmpty();
    }

    /** The GitHub workflow's own scan command, run where the workflow runs it: the repository root. */
    @Test
    void theGitHubGateWorkflowsScanWritesWhatTheWorkflowPublishes() throws Exception {
        JsonNode workflow = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(Launcher.ROOT.resolve("samples/ci/github-actions-terraform-gate.yml").toFile());
        JsonNode steps = workflow.path("jobs").path("gate").path("steps");
        String command = steps.findValuesAsText("run").stream().filter(run -> run.startsWith("./plumb scan"))
                .findFirst().orElseThrow();
        String category = steps.findValuesAsText("category").get(0);
        copyTree(Launcher.ROOT.resolve(IacSamples.BASELINE_DIR), workDir.resolve(IacSamples.BASELINE_DIR));
        Files.copy(IacSamples.ATTACHMENT_DELETED.planFile(), workDir.resolve("plan.json"));
        String[] words = command.strip().split("\\s+");

        Launcher result = Launcher.run(workDir, Map.of(), java.util.Arrays.copyOfRange(words, 1, words.length));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        JsonNode run = JSON.readTree(workDir.resolve("plumb-reports/plumb.sarif").toFile()).path("runs").get(0);
        assertThat(run.path("automationDetails").path("id").asText()).startsWith(category);
        assertSarifResultAt(run, IacSamples.BASELINE_ATTACHMENT);
        assertThat(workDir.resolve("plumb-reports/junit/TEST-plumb.xml")).isRegularFile();
    }

    /** A checkout-like copy of a directory of the repository (real files, no links). */
    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private Launcher scan(PlanSample sample, List<String> more) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("scan", "--terraform-plan", sample.planFile().toString(),
                "--terraform-dir", sample.directory().toString(), "--source-root", Launcher.ROOT.toString(),
                "-o", "reports"));
        args.addAll(sample.extraOptions());
        args.addAll(more);
        return Launcher.run(workDir, Map.of(), args.toArray(String[]::new));
    }

    private static int exitCode(String outcome) {
        return switch (outcome) {
            case "PASS" -> 0;
            case "FAIL" -> 1;
            case "ERROR" -> 2;
            default -> throw new IllegalArgumentException(outcome);
        };
    }

    private static void assertSarifResultAt(JsonNode run, SourceLine expected) {
        JsonNode results = run.path("results");
        assertThat(results).as(run.toString()).hasSize(1);
        JsonNode result = results.get(0);
        assertThat(result.path("ruleId").asText()).isEqualTo("account_supportrole");
        JsonNode location = result.path("locations").get(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo(expected.uri());
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(expected.line());
    }

    /** JUnit XML and Allure carry the source file too, so CI annotations land on it. */
    private static void assertSourceInJUnitAndAllure(ScanReportFiles reports, SourceLine expected) throws IOException {
        assertThat(Files.readString(reports.directory().resolve("junit/TEST-plumb.xml"))).contains(expected.uri());
        assertThat(reports.allureResults()).singleElement()
                .satisfies(result -> assertThat(result.toString()).contains(expected.uri()));
    }

}
