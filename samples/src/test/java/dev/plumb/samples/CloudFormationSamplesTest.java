package dev.plumb.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.plumb.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CloudFormation samples: the StackSet template of the support role and the detector of its
 * removal pass cfn-lint, say what the README says, and deploy; the detector's event pattern, as
 * CloudFormation deploys it, picks out the CloudTrail events that take AWSSupportAccess away.
 */
class CloudFormationSamplesTest {

    private static final Path TEMPLATES = IacSamples.IAC.resolve("cloudformation");
    private static final Path SUPPORT_ROLE = TEMPLATES.resolve("support-role.yaml");
    private static final Path DETECT_DETACH = TEMPLATES.resolve("detect-detach.yaml");
    /** Short-form tags (!Sub, !Ref) are read as their plain values: enough to check the structure. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    /** Runs where cfn-lint is installed (it is on this project's machines); on CI a missing cfn-lint fails. */
    @Test
    void cfnLintPassesOnBothTemplatesAndCatchesABrokenOne() throws Exception {
        assumeTrue(onPath("cfn-lint") || System.getenv("CI") != null, "cfn-lint is not on the PATH");
        assertThat(onPath("cfn-lint")).as("cfn-lint on the PATH (see .ci/run)").isTrue();

        Result clean = run(List.of("cfn-lint", "--format", "parseable", "--", SUPPORT_ROLE.toString(),
                DETECT_DETACH.toString()), Map.of());
        assertThat(clean.exitCode()).as(clean.output()).isZero();
        assertThat(clean.output()).isBlank();

        Path broken = workDir.resolve("support-role.yaml");
        Files.writeString(broken, Files.readString(SUPPORT_ROLE).replace("ManagedPolicyArns:", "ManagedPolicyArn:"));
        Result rejected = run(List.of("cfn-lint", "--format", "parseable", "--", broken.toString()), Map.of());
        assertThat(rejected.exitCode()).as(rejected.output()).isNotZero();
        assertThat(rejected.output()).contains("ManagedPolicyArn");
    }

    @Test
    void theStackSetTemplateGivesAnMfaRoleTheManagedPolicyOfItsPartition() throws IOException {
        JsonNode template = YAML.readTree(SUPPORT_ROLE.toFile());
        for (Map.Entry<String, JsonNode> parameter : fields(template.path("Parameters"))) {
            assertThat(parameter.getValue().has("Default")).as("default of parameter " + parameter.getKey()).isTrue();
        }
        List<JsonNode> roles = resourcesOfType(template, "AWS::IAM::Role");
        assertThat(roles).hasSize(1);
        JsonNode role = roles.get(0).path("Properties");
        assertThat(role.path("ManagedPolicyArns")).extracting(JsonNode::asText)
                .containsExactly("arn:${AWS::Partition}:iam::aws:policy/AWSSupportAccess");
        assertThat(Files.readString(SUPPORT_ROLE))
                .contains("- !Sub \"arn:${AWS::Partition}:iam::aws:policy/AWSSupportAccess\"");
        JsonNode statement = role.path("AssumeRolePolicyDocument").path("Statement").get(0);
        assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRole");
        assertThat(statement.path("Condition").path("Bool").path("aws:MultiFactorAuthPresent").asText()).isEqualTo("true");
    }

    @Test
    void theStackSetTemplateDeploysTheRoleWithItsMfaTrust() throws Exception {
        Aws aws = new Aws();
        aws.call("cloudformation", "create-stack", "--stack-name", "baseline", "--capabilities", "CAPABILITY_NAMED_IAM",
                "--template-body", "file://" + SUPPORT_ROLE);
        JsonNode stack = aws.call("cloudformation", "describe-stacks", "--stack-name", "baseline").path("Stacks").get(0);
        assertThat(stack.path("StackStatus").asText()).isEqualTo("CREATE_COMPLETE");

        JsonNode role = aws.call("iam", "get-role", "--role-name", "aws-support").path("Role");
        assertThat(stack.path("Outputs").get(0).path("OutputValue").asText()).isEqualTo(role.path("Arn").asText());
        JsonNode trust = role.path("AssumeRolePolicyDocument");
        if (trust.isTextual()) {
            trust = JSON.readTree(java.net.URLDecoder.decode(trust.asText(), StandardCharsets.UTF_8));
        }
        JsonNode statement = trust.path("Statement").get(0);
        assertThat(statement.path("Principal").path("AWS").asText())
                .isEqualTo("arn:aws:iam::" + MotoServer.DEFAULT_ACCOUNT + ":root");
        assertThat(statement.path("Condition").path("Bool").path("aws:MultiFactorAuthPresent").asText()).isEqualTo("true");
    }

    @Test
    void theDetectorSendsTheRuleToATopicThatEventBridgeMayPublishTo() throws IOException {
        JsonNode template = YAML.readTree(DETECT_DETACH.toFile());
        String topic = logicalId(template, "AWS::SNS::Topic");
        String rule = logicalId(template, "AWS::Events::Rule");
        JsonNode policy = resourcesOfType(template, "AWS::SNS::TopicPolicy").get(0).path("Properties");
        assertThat(policy.path("Topics")).extracting(JsonNode::asText).containsExactly(topic);
        JsonNode statement = policy.path("PolicyDocument").path("Statement").get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
        assertThat(statement.path("Action").asText()).isEqualTo("sns:Publish");
        assertThat(statement.path("Resource").asText()).isEqualTo(topic);
        assertThat(statement.path("Condition").path("ArnEquals").path("aws:SourceArn").asText()).isEqualTo(rule + ".Arn");
        assertThat(resourcesOfType(template, "AWS::Events::Rule").get(0).path("Properties").path("Targets"))
                .extracting(target -> target.path("Arn").asText()).containsExactly(topic);
    }

    /**
     * The detector deploys with the topic as the rule's target, and its pattern as deployed (the
     * support role's name resolved from its parameter) is replayed on moto's EventBridge: a copy of
     * the rule on a bus of its own, with a queue as target, receives exactly the events that take
     * AWSSupportAccess away.
     */
    @Test
    void theDeployedDetectorsPatternMatchesTheEventsThatTakeSupportAccessAway() throws Exception {
        Aws aws = new Aws();
        aws.call("cloudformation", "create-stack", "--stack-name", "detector", "--template-body", "file://" + DETECT_DETACH);
        JsonNode outputs = aws.call("cloudformation", "describe-stacks", "--stack-name", "detector")
                .path("Stacks").get(0).path("Outputs");
        String topicArn = output(outputs, "TopicArn");
        String ruleName = output(outputs, "RuleArn").replaceFirst(".*:rule/", "");
        assertThat(topicArn).startsWith("arn:aws:sns:us-east-1:");
        assertThat(aws.call("events", "list-targets-by-rule", "--rule", ruleName).path("Targets"))
                .extracting(target -> target.path("Arn").asText()).containsExactly(topicArn);
        String pattern = aws.call("events", "describe-rule", "--name", ruleName).path("EventPattern").asText();
        aws.call("events", "create-event-bus", "--name", "replay");
        aws.call("events", "put-rule", "--name", "replay", "--event-bus-name", "replay", "--event-pattern", pattern);
        String queueUrl = aws.call("sqs", "create-queue", "--queue-name", "replayed").path("QueueUrl").asText();
        String queueArn = aws.call("sqs", "get-queue-attributes", "--queue-url", queueUrl, "--attribute-names", "QueueArn")
                .path("Attributes").path("QueueArn").asText();
        aws.call("events", "put-targets", "--rule", "replay", "--event-bus-name", "replay",
                "--targets", "Id=queue,Arn=" + queueArn);

        ArrayNode entries = JSON.createArrayNode();
        entries.add(event("detach-support", "DetachRolePolicy", "aws-support", "arn:aws:iam::aws:policy/AWSSupportAccess"));
        entries.add(event("detach-support-govcloud", "DetachRolePolicy", "oncall",
                "arn:aws-us-gov:iam::aws:policy/AWSSupportAccess"));
        entries.add(event("delete-support-role", "DeleteRole", "aws-support", null));
        entries.add(event("delete-support-inline", "DeleteRolePolicy", "aws-support", null));
        entries.add(event("detach-customer-namesake", "DetachRolePolicy", "aws-support",
                "arn:aws:iam::210987654321:policy/AWSSupportAccess"));
        entries.add(event("detach-other-policy", "DetachRolePolicy", "aws-support", "arn:aws:iam::aws:policy/ReadOnlyAccess"));
        entries.add(event("delete-other-role", "DeleteRole", "build-agent", null));
        entries.add(event("attach-support", "AttachRolePolicy", "aws-support", "arn:aws:iam::aws:policy/AWSSupportAccess"));
        JsonNode put = aws.call("events", "put-events", "--entries", JSON.writeValueAsString(entries));
        assertThat(put.path("FailedEntryCount").asInt()).as(put.toString()).isZero();

        TreeSet<String> received = new TreeSet<>();
        for (JsonNode messages; (messages = aws.call("sqs", "receive-message", "--queue-url", queueUrl,
                "--max-number-of-messages", "10").path("Messages")).size() > 0; ) {
            for (JsonNode message : messages) {
                // a received message stays invisible for the queue's visibility timeout: no repeats
                received.add(JSON.readTree(message.path("Body").asText()).path("detail").path("eventID").asText());
            }
        }
        assertThat(received).containsExactly("delete-support-inline", "delete-support-role", "detach-support",
                "detach-support-govcloud");
    }

    /** A PutEvents entry shaped like the CloudTrail event of an IAM call. */
    private static ObjectNode event(String id, String eventName, String roleName, String policyArn) {
        ObjectNode detail = JSON.createObjectNode().put("eventVersion", "1.09").put("eventID", id)
                .put("eventSource", "iam.amazonaws.com").put("eventName", eventName).put("awsRegion", "us-east-1");
        ObjectNode parameters = detail.putObject("requestParameters").put("roleName", roleName);
        if (policyArn != null) {
            parameters.put("policyArn", policyArn);
        } else if (eventName.equals("DeleteRolePolicy")) {
            parameters.put("policyName", "break-glass");
        }
        ObjectNode entry = JSON.createObjectNode().put("EventBusName", "replay").put("Source", "aws.iam")
                .put("DetailType", "AWS API Call via CloudTrail");
        entry.put("Detail", detail.toString());
        return entry;
    }

    /** The AWS CLI against a fresh moto_server. */
    private static final class Aws {
        private final String endpoint;

        Aws() {
            MotoServer moto = MotoServer.shared();
            moto.reset();
            endpoint = moto.endpoint();
        }

        JsonNode call(String... words) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint, "--region", "us-east-1",
                    "--output", "json"));
            command.addAll(List.of(words));
            Result result = run(command, Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
                    "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null", "AWS_PAGER", ""));
            assertThat(result.exitCode()).as(String.join(" ", words) + ": " + result.output()).isZero();
            return result.output().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.output());
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static List<JsonNode> resourcesOfType(JsonNode template, String type) {
        return StreamSupport.stream(template.path("Resources").spliterator(), false)
                .filter(resource -> resource.path("Type").asText().equals(type)).toList();
    }

    private static String logicalId(JsonNode template, String type) {
        List<String> ids = new ArrayList<>();
        fields(template.path("Resources")).forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals(type)) {
                ids.add(resource.getKey());
            }
        });
        assertThat(ids).as("resources of type " + type).hasSize(1);
        return ids.get(0);
    }

    private static String output(JsonNode outputs, String key) {
        return StreamSupport.stream(outputs.spliterator(), false)
                .filter(output -> output.path("OutputKey").asText().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no output " + key + " in " + outputs))
                .path("OutputValue").asText();
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode object) {
        return object.properties();
    }
}
