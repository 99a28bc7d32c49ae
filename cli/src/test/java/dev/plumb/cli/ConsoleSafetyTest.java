package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumb.testing.FaultProxy;
import dev.plumb.testing.JUnitXml;
import dev.plumb.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Everything Plumb prints is as safe as its reports: secrets (the external id, the caller's and the
 * assumed roles' credentials, whatever a plugin puts in a message) are masked as whole tokens on
 * stdout, stderr and in the findings themselves, and terminal control characters from names and
 * findings are shown escaped, while the reports keep the exact text.
 */
class ConsoleSafetyTest {

    private static final Path COMPLIANT = Path.of("../samples/snapshots/compliant.json").toAbsolutePath();
    private static final String CALLER_KEY = "AKIAPLUMBCALLER00001";
    private static final String CALLER_SECRET = "pLuMbCaLlErSeCrEt/0123456789+abcdefXYZ00";
    private static final Pattern KEY_ID = Pattern.compile("Credential=([^/]+)/");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "--external-id {0}")
    @ValueSource(strings = {"ab", "testcase"})
    void secretsEchoedByAnAwsErrorAreMaskedAsWholeTokensOnTheConsoleAndInTheReports(String externalId)
            throws Exception {
        MotoServer moto = MotoServer.shared();
        moto.reset();
        List<String> assumedSecrets = new CopyOnWriteArrayList<>();
        FaultProxy.Fault echo = FaultProxy.echoingRequest();
        FaultProxy.Fault recordingEcho = (call, exchange, real) -> {
            Matcher key = KEY_ID.matcher(exchange.getRequestHeaders().getFirst("Authorization"));
            if (key.find()) {
                assumedSecrets.add(key.group(1));
            }
            assumedSecrets.add(exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"));
            echo.apply(call, exchange, real);
        };
        try (FaultProxy proxy = new FaultProxy(moto.endpoint())
                .injectFor("222222222222", "sts:AssumeRole", FaultProxy.ALWAYS, FaultProxy.echoingRequest())
                .injectFor("111111111111", "iam:ListEntitiesForPolicy", FaultProxy.ALWAYS, recordingEcho)) {
            Path out = dir.resolve("reports");
            ChildCli result = ChildCli.run(dir, Map.of("AWS_ACCESS_KEY_ID", CALLER_KEY,
                            "AWS_SECRET_ACCESS_KEY", CALLER_SECRET), List.of(),
                    "scan", "--endpoint-url", proxy.endpoint(), "--region", "us-east-1",
                    "--accounts", "111111111111,222222222222", "--role-name", "PlumbAudit",
                    "--external-id", externalId, "--sarif-full", "--debug", "--output", out.toString());

            String console = result.out() + result.err();
            assertThat(result.exitCode()).as(console).isEqualTo(2);
            assertThat(assumedSecrets).as("the rule's call was made with the assumed role's credentials")
                    .hasSize(2).doesNotContainNull().doesNotContain(CALLER_KEY);
            JUnitXml report = JUnitXml.parse(out.resolve("junit/TEST-plumb.xml")).assertConsistent();
            assertThat(report.errors()).isEqualTo(2);
            assertThat(report.cases()).allSatisfy(finding -> assertThat(finding.message())
                    .contains("SignatureDoesNotMatch").contains("the table of what was signed")
                    .contains("Credential=****/").doesNotContain(CALLER_KEY));
            assertThat(report.cases().get(1).message()).contains("ExternalId=****&")
                    .doesNotContain("ExternalId=" + externalId);
            assertThat(report.cases().get(0).message()).contains("X-Amz-Security-Token: ****");

            assertThat(console).contains("ExternalId=****&").contains("the table of what was signed")
                    .doesNotContain("ExternalId=" + externalId).doesNotContain(CALLER_KEY)
                    .doesNotContain(CALLER_SECRET);
            for (String secret : assumedSecrets) {
                assertThat(console).doesNotContain(secret);
            }
            for (Path file : reportFiles(out)) {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                assertThat(content).as(file.toString()).doesNotContain("ExternalId=" + externalId)
                        .doesNotContain(CALLER_KEY).doesNotContain(CALLER_SECRET);
                for (String secret : assumedSecrets) {
                    assertThat(content).as(file.toString()).doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void aSecretInAPluginsMessageAndStackTraceIsMasked() throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginJars.build("hostile", plugins, "hostile.jar");
        Path out = dir.resolve("reports");

        ChildCli result = ChildCli.run(dir, Map.of("AWS_ACCESS_KEY_ID", CALLER_KEY,
                        "AWS_SECRET_ACCESS_KEY", CALLER_SECRET), List.of(),
                "scan", "--snapshot", COMPLIANT.toString(), "--plugins", plugins.toString(),
                "--rules", "hostile_leaks_secret", "--debug", "--output", out.toString());

        String console = result.out() + result.err();
        assertThat(result.exitCode()).as(console).isEqualTo(2);
        assertThat(result.out()).contains("signed with ****.").contains("request failed for key ****");
        assertThat(result.err()).as("the --debug stack trace").contains("dev.plumb.testplugins.hostile.LeaksSecret.evaluate(LeaksSecret.java")
                .contains("request failed for key ****");
        assertThat(console).doesNotContain(CALLER_SECRET);
        JUnitXml report = JUnitXml.parse(out.resolve("junit/TEST-plumb.xml")).assertConsistent();
        assertThat(report.cases()).extracting(JUnitXml.TestCase::message)
                .anySatisfy(message -> assertThat(message).contains("signed with ****."))
                .anySatisfy(message -> assertThat(message).contains("request failed for key ****"));
        for (Path file : reportFiles(out)) {
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString())
                    .doesNotContain(CALLER_SECRET);
        }
    }

    @Test
    void controlCharactersAreEscapedOnTheConsoleAndKeptExactInTheReports() throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginJars.build("hostile", plugins, "hostile.jar");
        Path out = dir.resolve("reports");

        Cli result = Cli.run(out, "scan", "--snapshot", COMPLIANT.toString(), "--plugins", plugins.toString(),
                "--rules", "hostile_control_chars", "--sarif-full");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        String console = result.out() + result.err();
        assertThat(console).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u0007")
                .doesNotContain("\u009b").doesNotContain("\u202e");
        assertThat(result.out()).contains("role evil\\e[2J\\e[H is bad\\r  PASS forged\\x07\\u009b31m\\u202e");
        assertThat(result.out().lines().filter(line -> line.contains("PASS forged"))).hasSize(1);

        JsonNode sarif = new ObjectMapper().readTree(out.resolve("plumb-full.sarif.json").toFile());
        List<String> texts = new ArrayList<>();
        sarif.findValues("text").forEach(text -> texts.add(text.asText()));
        sarif.findValues("fullyQualifiedName").forEach(name -> texts.add(name.asText()));
        assertThat(texts).as("the reports keep the exact text")
                .anySatisfy(text -> assertThat(text).contains("role evil\u001b[2J\u001b[H is bad\r  PASS forged\u0007"
                        + "\u009b31m\u202e"))
                .contains("arn:aws:iam::210987654321:role/evil\u001b[2J\u001b[H");
    }

    @Test
    void aPluginThatCallsSystemExitEndsTheScanWithTwoAndTheReportsOfWhatFinished() throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginJars.build("hostile", plugins, "hostile.jar");
        Path out = dir.resolve("reports");

        ChildCli result = ChildCli.run(dir, Map.of(), List.of(), "scan", "--snapshot", COMPLIANT.toString(),
                "--plugins", plugins.toString(), "--rules", "account_supportrole,hostile_exits",
                "--output", out.toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("the JVM was asked to exit by dev.plumb.testplugins.hostile.ExitsTheJvm"
                + ".evaluate").doesNotContain("signal");
        assertThat(result.out()).contains("PASS 1  FAIL 0  ERROR 1");
        JUnitXml report = JUnitXml.parse(out.resolve("junit/TEST-plumb.xml")).assertConsistent();
        assertThat(report.cases()).extracting(JUnitXml.TestCase::outcome).containsExactly("PASS", "ERROR");
        assertThat(report.cases().get(1).message()).contains("Rule hostile_exits did not evaluate account")
                .contains("interrupted (the JVM was asked to exit by dev.plumb.testplugins.hostile.ExitsTheJvm")
                .contains("before the scan finished").doesNotContain("signal");
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".plumb-staging"));
        }
    }

    private static List<Path> reportFiles(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> reports = files.filter(Files::isRegularFile).toList();
            assertThat(reports).isNotEmpty();
            return reports;
        }
    }
}
