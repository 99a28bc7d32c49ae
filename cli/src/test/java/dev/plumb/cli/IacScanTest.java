package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumb.testing.IamFixtures;
import dev.plumb.testing.JUnitXml;
import dev.plumb.testing.MotoServer;
import dev.plumb.testing.ScanReportFiles;
import dev.plumb.testing.SarifMultitool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Terraform plans and CloudFormation templates judged before deploy: verdicts, the source line in
 * every report format, and bad input.
 */
class IacScanTest {

    private static final Path IAC = Path.of("src/test/resources/iac").toAbsolutePath();
    private static final Path TERRAFORM = IAC.resolve("terraform");
    private static final Path CLOUDFORMATION = IAC.resolve("cloudformation");
    private static final Path SNAPSHOT = IAC.resolve("account.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Cli scan(String... args) {
        List<String> all = new ArrayList<>(List.of("scan", "--quiet", "--source-root", IAC.toString()));
        all.addAll(List.of(args));
        return Cli.run(dir.resolve("reports"), all.toArray(String[]::new));
    }

    private JsonNode sarifResults() throws IOException {
        return JSON.readTree(dir.resolve("reports/plumb.sarif").toFile()).path("runs").get(0).path("results");
    }

    private static String plan(String name) {
        return TERRAFORM.resolve(name).toString();
    }

    @Test
    void theBaselineModulePlanPassesAndPointsAtTheAttachment() {
        Cli result = scan("--terraform-plan", plan("compliant.json"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        JUnitXml.TestCase finding = result.junit().only();
        assertThat(finding.outcome()).isEqualTo("PASS");
        assertThat(finding.output()).contains("source: terraform/modules/baseline/main.tf:13");
        assertThat(result.out()).doesNotContain("ERROR 1");
    }

    @Test
    void aPlanThatDeletesTheOnlySupportAttachmentTurnsAPassingAccountIntoAFail() throws IOException {
        Cli before = scan("--snapshot", SNAPSHOT.toString());
        assertThat(before.exitCode()).as(before.toString()).isEqualTo(0);

        Cli after = scan("--snapshot", SNAPSHOT.toString(), "--terraform-plan", plan("support-deleted.json"),
                "--sarif-full");

        assertThat(after.exitCode()).as(after.toString()).isEqualTo(1);
        JUnitXml.TestCase finding = after.junit().only();
        assertThat(finding.outcome()).isEqualTo("FAIL");
        assertThat(finding.message()).contains("attached only to group ops");
        assertThat(finding.output()).contains("source: terraform/modules/baseline/main.tf:13");
        JsonNode location = sarifResults().get(0).path("locations").get(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo("terraform/modules/baseline/main.tf");
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(13);
        new ScanReportFiles(dir.resolve("reports")).assertFormatsAgree();
        assertThat(allureEvidence()).contains("terraform/modules/baseline/main.tf:13");
    }

    @Test
    void aPlanOverTheLiveAccountJudgesItAfterApply() throws IOException {
        MotoServer moto = MotoServer.shared();
        moto.reset();
        try (IamClient iam = moto.iam("us-east-1")) {
            IamFixtures fixtures = new IamFixtures(iam, "aws");
            fixtures.supportRole("aws-support").groupWithPolicy("ops", fixtures.supportPolicyArn());
        }
        Path plan = Files.writeString(dir.resolve("plan.json"), Files.readString(TERRAFORM.resolve("support-deleted.json"))
                .replace("111122223333", MotoServer.DEFAULT_ACCOUNT));

        Cli before = scan("--endpoint-url", moto.endpoint(), "--region", "us-east-1");
        assertThat(before.exitCode()).as(before.toString()).isEqualTo(0);
        Cli after = scan("--endpoint-url", moto.endpoint(), "--region", "us-east-1", "--live",
                "--terraform-plan", plan.toString(), "--terraform-dir", TERRAFORM.toString());

        assertThat(after.exitCode()).as(after.toString()).isEqualTo(1);
        assertThat(after.junit().only().message()).contains("Account " + MotoServer.DEFAULT_ACCOUNT)
                .contains("attached only to group ops");
        assertThat(after.junit().only().output()).contains("source: terraform/modules/baseline/main.tf:13");
    }

    @Test
    void thePlanAloneAlsoFailsWhenItDeletesTheAttachment() {
        Cli result = scan("--terraform-plan", plan("support-deleted.json"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.junit().only().message()).contains("Account 111122223333").contains("only to group ops");
    }

    @Test
    void aPolicyOnlyOnAGroupFailsAtTheRoleThatCouldCarryIt() throws IOException {
        Cli result = scan("--terraform-plan", plan("group-only.json"), "--sarif-full");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.junit().only().message()).contains("attached only to group ops");
        JsonNode location = sarifResults().get(0).path("locations").get(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo("terraform/modules/baseline/main.tf");
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(8);
        SarifMultitool multitool = SarifMultitool.of(Path.of(".."));
        assertThat(multitool.problems(dir.resolve("reports/plumb.sarif"))).isEmpty();
        assertThat(multitool.problems(dir.resolve("reports/plumb-full.sarif.json"))).isEmpty();
    }

    @Test
    void thePolicyArnKnownOnlyAfterApplyIsAnErrorThatNamesTheResource() {
        Cli result = scan("--terraform-plan", plan("unknown-policy.json"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        JUnitXml.TestCase finding = result.junit().only();
        assertThat(finding.outcome()).isEqualTo("ERROR");
        assertThat(finding.message()).contains("policy_arn of module.baseline.aws_iam_role_policy_attachment.support[0]")
                .contains("known only after apply").contains("data.aws_partition");
        assertThat(finding.output()).contains("source: terraform/modules/baseline/main.tf:13");
    }

    @Test
    void anUnknownValueDoesNotHideASupportRoleTheAccountAlreadyHas() {
        Cli result = scan("--snapshot", SNAPSHOT.toString(), "--terraform-plan", plan("unknown-policy.json"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        assertThat(result.junit().only().output()).contains("aws-support");
    }

    @Test
    void aRoleWhoseNameIsKnownOnlyAfterApplyStillPasses() {
        Cli result = scan("--terraform-plan", plan("unknown-role-name.json"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        assertThat(result.junit().only().output())
                .contains("module.baseline.aws_iam_role.support (name known after apply)");
    }

    @Test
    void fingerprintsStayWhenUnrelatedLinesMove() throws IOException {
        Path copy = dir.resolve("repo");
        copyTree(TERRAFORM, copy);
        Cli first = Cli.run(dir.resolve("first"), "scan", "-q", "--source-root", dir.toString(),
                "--terraform-plan", copy.resolve("group-only.json").toString());
        Path module = copy.resolve("modules/baseline/main.tf");
        Files.writeString(module, "# Baseline of every account.\n# Owned by the platform team.\n\n"
                + Files.readString(module));
        Cli second = Cli.run(dir.resolve("second"), "scan", "-q", "--source-root", dir.toString(),
                "--terraform-plan", copy.resolve("group-only.json").toString());

        JsonNode before = JSON.readTree(dir.resolve("first/plumb.sarif").toFile()).path("runs").get(0).path("results")
                .get(0);
        JsonNode after = JSON.readTree(dir.resolve("second/plumb.sarif").toFile()).path("runs").get(0).path("results")
                .get(0);
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(before.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(8);
        assertThat(after.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(11);
        assertThat(after.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("repo/modules/baseline/main.tf");
        assertThat(after.path("partialFingerprints")).isEqualTo(before.path("partialFingerprints"));
    }

    @Test
    void aYamlTemplateWithShortTagsPassesAtTheLogicalId() {
        Cli result = scan("--cloudformation", CLOUDFORMATION.resolve("support-role.yaml").toString(),
                "--account", "111122223333");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        JUnitXml.TestCase finding = result.junit().only();
        assertThat(finding.output()).contains("role aws-support");
        assertThat(finding.output()).contains("source: cloudformation/support-role.yaml:8");
    }

    @Test
    void aJsonTemplateWithFnJoinPassesInItsPartition() {
        Cli result = scan("--cloudformation", CLOUDFORMATION.resolve("support-role.json").toString(),
                "--account", "111122223333", "--region", "us-gov-west-1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        assertThat(result.junit().only().output()).contains("arn:aws-us-gov:iam::aws:policy/AWSSupportAccess")
                .contains("SupportRole (name generated at deploy)");
        assertThat(result.junit().only().output()).contains("source: cloudformation/support-role.json:10");
    }

    @Test
    void aTemplateWithThePolicyOnlyOnAGroupFails() throws IOException {
        Cli result = scan("--cloudformation", CLOUDFORMATION.resolve("group-only.yaml").toString(),
                "--account", "111122223333");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.junit().only().message()).contains("attached only to group operators");
        JsonNode location = sarifResults().get(0).path("locations").get(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo("cloudformation/group-only.yaml");
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(8);
    }

    @Test
    void anUnresolvableTemplateValueIsAnError() {
        Cli result = scan("--cloudformation", CLOUDFORMATION.resolve("unknown-arn.yaml").toString(),
                "--account", "111122223333");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.junit().only().message()).contains("ManagedPolicyArns of SupportRole")
                .contains("!ImportValue shared-support-policy-arn").contains("known only at deploy");
    }

    @Test
    void explainMentionsThePlanAndTemplateModes() {
        Cli result = Cli.run(null, "rules", "--explain", "account_supportrole");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.out()).contains("--terraform-plan").contains("--cloudformation");
    }

    // Bad input: one line, exit 3, no report.

    @Test
    void anUnsupportedPlanFormatVersion() throws IOException {
        Path plan = Files.writeString(dir.resolve("plan.json"),
                Files.readString(TERRAFORM.resolve("compliant.json")).replace("\"format_version\": \"1.2\"",
                        "\"format_version\": \"2.0\""));

        assertBadInput(scan("--terraform-plan", plan.toString()), "format_version 2.0");
    }

    @Test
    void aStateFileIsNamedAsSuch() throws IOException {
        Path state = Files.writeString(dir.resolve("terraform.tfstate"), "{\"version\": 4, \"terraform_version\": "
                + "\"1.9.8\", \"serial\": 3, \"lineage\": \"5f1c\", \"outputs\": {}, \"resources\": []}");

        assertBadInput(scan("--terraform-plan", state.toString()), "is a Terraform state file");
    }

    @Test
    void aTfJsonFileIsNamedAsSuch() throws IOException {
        Path config = Files.writeString(dir.resolve("main.tf.json"), "{\"resource\": {\"aws_iam_role\": {\"support\": "
                + "{\"name\": \"aws-support\"}}}}");

        assertBadInput(scan("--terraform-plan", config.toString()), "is Terraform configuration in JSON syntax (.tf.json)");
    }

    @Test
    void aTemplateWithAnUnknownIntrinsicFunction() {
        assertBadInput(scan("--account", "111122223333", "--cloudformation",
                CLOUDFORMATION.resolve("unknown-function.yaml").toString()), "line 7: unknown intrinsic function !Subst");
    }

    @Test
    void aYamlTemplateWithTabs() {
        assertBadInput(scan("--account", "111122223333", "--cloudformation",
                CLOUDFORMATION.resolve("tabs.yaml").toString()), "line 3 is indented with a tab");
    }

    @Test
    void aTerraformDirWithoutTfFiles() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        assertBadInput(scan("--terraform-plan", plan("compliant.json"), "--terraform-dir", empty.toString()),
                "holds no .tf files");
    }

    @Test
    void aTemplateWithoutAnAccountSaysHowToGiveIt() {
        assertBadInput(scan("--cloudformation", CLOUDFORMATION.resolve("support-role.yaml").toString()),
                "pass --account ID");
    }

    @Test
    void aPlanForAnotherAccountThanTheSnapshot() throws IOException {
        Path other = Files.writeString(dir.resolve("other.json"), Files.readString(SNAPSHOT)
                .replace("111122223333", "444455556666"));

        assertBadInput(scan("--snapshot", other.toString(), "--terraform-plan", plan("compliant.json")),
                "the plan is for account 111122223333, not 444455556666");
    }

    private void assertBadInput(Cli result, String says) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").doesNotContain("Exception").contains(says);
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    private String allureEvidence() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("reports/allure-results"))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith("-attachment.json")).toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
