package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumb.testing.FaultProxy;
import dev.plumb.testing.IamFixtures;
import dev.plumb.testing.JUnitXml;
import dev.plumb.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * For each account of the live scan's tests: capture it with {@code plumb snapshot}, scan it live
 * and from the capture, and get the same findings. The capture is also checked against what the
 * AWS CLI prints for the same account, and the AWS CLI's output scans the same way.
 */
class SnapshotParityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SECTIONS = List.of("UserDetailList", "GroupDetailList", "RoleDetailList",
            "Policies");

    private final MotoServer moto = MotoServer.shared();

    @TempDir
    Path dir;

    record Scenario(String name, String region, String partition, int exitCode, Consumer<IamFixtures> fixture) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("compliant", "us-east-1", "aws", 0, f -> f.role("unrelated").supportRole("aws-support")),
                // An account always holds the identity that captures it (here a user): without any user, group,
                // role or customer policy a snapshot names no account (see anEmptyAccountIsCapturedWithAWarning).
                new Scenario("no roles", "us-east-1", "aws", 1, f -> f.user("auditor")),
                new Scenario("policy only on a user and a group", "us-east-1", "aws", 1, f -> f.role("other")
                        .userWithPolicy("alice", f.supportPolicyArn()).groupWithPolicy("oncall", f.supportPolicyArn())),
                new Scenario("customer policy named AWSSupportAccess", "us-east-1", "aws", 1,
                        f -> f.roleWithPolicy("looks-right", f.customerPolicy("AWSSupportAccess"))),
                new Scenario("300 roles, the support role last", "us-east-1", "aws", 0, f -> {
                    IntStream.range(0, 300).forEach(i -> f.role(String.format("app-%03d", i)));
                    f.supportRole("zz-support");
                }),
                new Scenario("aws-cn partition", "cn-north-1", "aws-cn", 0, f -> f.supportRole("aws-support")));
    }

    @BeforeEach
    void emptyAccount() {
        moto.reset();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aSnapshotScansLikeTheLiveAccount(Scenario scenario) throws Exception {
        try (IamClient iam = moto.iam(scenario.region())) {
            scenario.fixture().accept(new IamFixtures(iam, scenario.partition()));
        }
        Path capture = dir.resolve("capture.json");

        Cli snapshot = Cli.run(null, "snapshot", "--endpoint-url", moto.endpoint(), "--region", scenario.region(),
                "--output", capture.toString());
        Cli live = Cli.run(dir.resolve("live"), "scan", "--endpoint-url", moto.endpoint(), "--region",
                scenario.region());
        Cli offline = Cli.run(dir.resolve("offline"), "scan", "--snapshot", capture.toString());

        assertThat(snapshot.exitCode()).as(snapshot.toString()).isZero();
        assertThat(snapshot.out()).contains("Snapshot of account " + MotoServer.DEFAULT_ACCOUNT + " ("
                + scenario.partition() + ")").contains("written to " + capture);
        assertThat(live.exitCode()).as(live.toString()).isEqualTo(scenario.exitCode());
        assertThat(offline.exitCode()).as(offline.toString()).isEqualTo(live.exitCode());
        assertThat(findings(offline)).isEqualTo(findings(live)).isNotEmpty();

        Path awsCli = awsCliCapture(scenario.region());
        JsonNode ours = JSON.readTree(capture.toFile());
        JsonNode theirs = JSON.readTree(awsCli.toFile());
        assertThat(fieldNames(ours)).isEqualTo(fieldNames(theirs)).isEqualTo(SECTIONS);
        for (String section : SECTIONS) {
            assertThat(summary(ours.get(section))).as(section).isEqualTo(summary(theirs.get(section)));
        }
        for (String section : SECTIONS) {
            for (int i = 0; i < ours.get(section).size(); i++) {
                assertThat(ours.get(section).get(i)).as(section + " entry " + i).isEqualTo(theirs.get(section).get(i));
            }
        }

        Cli fromAwsCli = Cli.run(dir.resolve("from-aws-cli"), "scan", "--snapshot", awsCli.toString());
        assertThat(fromAwsCli.exitCode()).as(fromAwsCli.toString()).isEqualTo(live.exitCode());
        assertThat(findings(fromAwsCli)).isEqualTo(findings(live));
    }

    @Test
    void anEmptyAccountIsCapturedWithAWarningAndItsScanSaysWhyItCannotRun() {
        Path capture = dir.resolve("empty.json");

        Cli snapshot = Cli.run(null, "snapshot", "--endpoint-url", moto.endpoint(), "--region", "us-east-1",
                "--output", capture.toString());
        Cli offline = Cli.run(dir.resolve("offline"), "scan", "--snapshot", capture.toString());

        assertThat(snapshot.exitCode()).as(snapshot.toString()).isZero();
        assertThat(capture).isRegularFile();
        assertThat(snapshot.err()).contains("warning").contains("cannot tell which account");
        assertThat(offline.exitCode()).as(offline.toString()).isEqualTo(3);
        assertThat(offline.err().strip()).doesNotContain("\n").contains(capture.toString())
                .contains("the account it was taken from is unknown");
        assertThat(dir.resolve("offline/junit")).doesNotExist();
    }

    @Test
    void aSnapshotReplacesAnOlderFileAndLeavesNoTemporaryFiles() throws Exception {
        try (IamClient iam = moto.iam("us-east-1")) {
            new IamFixtures(iam, "aws").supportRole("aws-support");
        }
        Path capture = Files.writeString(dir.resolve("capture.json"), "an older snapshot");

        Cli snapshot = Cli.run(null, "snapshot", "--endpoint-url", moto.endpoint(), "--region", "us-east-1",
                "--output", capture.toString(), "--quiet");

        assertThat(snapshot.exitCode()).as(snapshot.toString()).isZero();
        assertThat(snapshot.err()).isEmpty();
        assertThat(JSON.readTree(capture.toFile()).get("RoleDetailList").get(0).get("RoleName").asText())
                .isEqualTo("aws-support");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("capture.json");
        }
    }

    @Test
    void anAnswerThatIsNotTheOperationsResultWritesNoSnapshotAndKeepsTheOlderFile() throws Exception {
        try (IamClient iam = moto.iam("us-east-1")) {
            new IamFixtures(iam, "aws").supportRole("aws-support");
        }
        Path capture = Files.writeString(dir.resolve("capture.json"), "a good older snapshot");
        try (FaultProxy proxy = new FaultProxy(moto.endpoint()).inject("iam:GetAccountAuthorizationDetails",
                FaultProxy.ALWAYS, FaultProxy.emptyResponseElement())) {
            Cli snapshot = Cli.run(null, "snapshot", "--endpoint-url", proxy.endpoint(), "--region", "us-east-1",
                    "--output", capture.toString(), "--quiet");

            assertThat(snapshot.exitCode()).as(snapshot.toString()).isEqualTo(2);
            assertThat(snapshot.err().strip()).doesNotContain("\n").contains("UnexpectedResponse")
                    .contains("is not the result of iam:GetAccountAuthorizationDetails")
                    .contains("No snapshot was written");
            assertThat(snapshot.out()).isEmpty();
        }
        assertThat(capture).hasContent("a good older snapshot");
    }

    @Test
    void aCaptureWithoutAnyEntityDoesNotReplaceAnExistingFileUnlessAllowed() throws Exception {
        Path capture = Files.writeString(dir.resolve("capture.json"), "a good older snapshot");

        Cli refused = Cli.run(null, "snapshot", "--endpoint-url", moto.endpoint(), "--region", "us-east-1",
                "--output", capture.toString(), "--quiet");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err().strip()).doesNotContain("\n").contains(capture.toString())
                .contains("holds no user, group, role or customer managed policy").contains("--allow-empty");
        assertThat(capture).hasContent("a good older snapshot");

        Cli allowed = Cli.run(null, "snapshot", "--endpoint-url", moto.endpoint(), "--region", "us-east-1",
                "--output", capture.toString(), "--quiet", "--allow-empty");

        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(JSON.readTree(capture.toFile()).get("RoleDetailList").isArray()).isTrue();
    }

    @Test
    void theHelpNamesAllowEmpty() {
        Cli help = Cli.run(null, "snapshot", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("--allow-empty").contains("(see --allow-empty)")
                .contains("that is not the operation's result");
    }

    @Test
    void anOutputThatIsADirectoryIsOneLineAndExitThree() {
        Cli snapshot = Cli.run(null, "snapshot", "--endpoint-url", moto.endpoint(), "--output", dir.toString());

        assertThat(snapshot.exitCode()).isEqualTo(3);
        assertThat(snapshot.err().strip()).doesNotContain("\n").contains(dir + " is a directory");
    }

    @Test
    void theOutputIsRequired() {
        Cli snapshot = Cli.run(null, "snapshot", "--endpoint-url", moto.endpoint());

        assertThat(snapshot.exitCode()).isEqualTo(3);
        assertThat(snapshot.err().strip()).doesNotContain("\n").contains("--output")
                .contains("plumb snapshot --help");
    }

    /** What {@code aws iam get-account-authorization-details --output json} prints for the moto account. */
    private Path awsCliCapture(String region) throws IOException, InterruptedException {
        Path file = dir.resolve("aws-cli.json");
        Path err = dir.resolve("aws-cli.err");
        ProcessBuilder builder = new ProcessBuilder("aws", "iam", "get-account-authorization-details", "--output",
                "json", "--endpoint-url", moto.endpoint()).redirectOutput(file.toFile()).redirectError(err.toFile());
        builder.environment().putAll(java.util.Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
                "AWS_DEFAULT_REGION", region, "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
        builder.environment().remove("AWS_REGION");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("this test compares with the AWS CLI: install it (pip install awscli)", e);
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the AWS CLI did not finish within 120 s");
        }
        assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        return file;
    }

    /** What a finding says, without what may differ between runs (timestamps, the display name's source). */
    record Finding(String name, String classname, String outcome, String message, List<String> entries) {
    }

    private static List<Finding> findings(Cli run) {
        return run.junit().cases().stream().map(c -> new Finding(c.name(), c.classname(), c.outcome(), c.message(),
                c.output().lines().toList())).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Per entity: its name, ARN and the ARNs of the managed policies attached to it. */
    private static List<String> summary(JsonNode entities) {
        return StreamSupport.stream(entities.spliterator(), false).map(entity -> {
            String name = Stream.of("UserName", "GroupName", "RoleName", "PolicyName").filter(entity::has)
                    .map(key -> entity.get(key).asText()).findFirst().orElse("");
            List<String> attached = StreamSupport.stream(entity.path("AttachedManagedPolicies").spliterator(), false)
                    .map(policy -> policy.get("PolicyArn").asText()).toList();
            return name + " " + entity.get("Arn").asText() + " " + attached;
        }).toList();
    }
}
