package dev.plumb.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.JUnitXml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plumb run by the JUnit Console Launcher from Maven Central, with nothing of Plumb's but its jar
 * on the class path: the snapshot files are selected with the launcher's own options, and the
 * scan options are plain configuration parameters.
 */
class ConsoleLauncherTest {

    private static final Path CONSOLE = Path.of("target/console-launcher/junit-platform-console-standalone.jar")
            .toAbsolutePath();
    private static final Path PLUMB_JAR = Launcher.ROOT.resolve("cli/target/plumb.jar");

    @TempDir
    Path work;

    private record Run(int exitCode, String out, Path reports) {
        JUnitXml plumb() {
            return JUnitXml.parse(reports.resolve("TEST-plumb.xml"));
        }
    }

    private Run console(String... options) throws IOException, InterruptedException {
        Path reports = work.resolve("reports");
        List<String> command = new ArrayList<>(List.of("java", "-jar", CONSOLE.toString(), "execute",
                "--disable-banner", "--details=summary", "--class-path", PLUMB_JAR.toString(),
                "--include-engine", "plumb", "--reports-dir", reports.toString()));
        command.addAll(List.of(options));
        Path out = work.resolve("out.txt");
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the Console Launcher did not finish within 120 s: " + command);
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), reports);
    }

    @Test
    void aSelectedSnapshotWithAFailExitsOneAndTheJUnitXmlHoldsTheFail() throws Exception {
        Run run = console("--select-file", Launcher.SNAPSHOTS.resolve("support-on-user-only.json").toString());

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        JUnitXml xml = run.plumb();
        assertThat(xml.failures()).isEqualTo(1);
        assertThat(xml.cases()).filteredOn(c -> c.outcome().equals("FAIL")).singleElement()
                .satisfies(fail -> assertThat(fail.message()).contains("Account 345678901234 has no IAM role"));
    }

    @Test
    void aCompliantSnapshotExitsZero() throws Exception {
        Run run = console("--select-file", Launcher.SNAPSHOTS.resolve("compliant.json").toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.plumb().tests()).isEqualTo(1);
        assertThat(run.plumb().failures()).isZero();
    }

    @Test
    void aSelectedDirectoryScansEverySampleSnapshotAndNothingElse() throws Exception {
        Run run = console("--select-directory", Launcher.SNAPSHOTS.toString());

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        try (var files = Files.list(Launcher.SNAPSHOTS)) {
            long snapshots = files.filter(file -> file.toString().endsWith(".json")).count();
            assertThat(run.plumb().tests()).isEqualTo(snapshots);
        }
        assertThat(run.plumb().failures()).isEqualTo(1);
    }

    @Test
    void configurationParametersSelectTheRulesAndABadOneIsOneLine() throws Exception {
        String fail = Launcher.SNAPSHOTS.resolve("support-on-user-only.json").toString();

        Run chosen = console("--select-file", fail, "--config", "plumb.rules=account_*");
        Run unknown = console("--select-file", fail, "--config", "plumb.rules=no_such_rule");

        assertThat(chosen.exitCode()).as(chosen.out()).isEqualTo(1);
        assertThat(chosen.plumb().failures()).isEqualTo(1);
        assertThat(unknown.exitCode()).as(unknown.out()).isNotZero();
        assertThat(unknown.out()).contains("unknown rule id 'no_such_rule' in plumb.rules. Known rules: "
                + "account_supportrole.");
    }

    @Test
    void aTemplateIsJudgedThroughItsKeysAsPlumbScanJudgesIt() throws Exception {
        String template = Launcher.ROOT.resolve("samples/iac/cloudformation/support-role.yaml").toString();

        Run judged = console("--select-unique-id", "[engine:plumb]", "--config",
                "plumb.cloudformationTemplates=" + template, "--config", "plumb.account=210987654321");
        Run noAccount = console("--select-unique-id", "[engine:plumb]", "--config",
                "plumb.cloudformationTemplates=" + template);

        assertThat(judged.exitCode()).as(judged.out()).isZero();
        assertThat(judged.plumb().cases()).singleElement().satisfies(pass -> {
            assertThat(pass.outcome()).isEqualTo("PASS");
            assertThat(pass.name()).contains("210987654321");
        });
        assertThat(noAccount.exitCode()).as(noAccount.out()).isNotZero();
        assertThat(noAccount.out()).contains("a CloudFormation template does not say which account it is deployed "
                + "to: pass plumb.account, or plumb.snapshots / plumb.live to judge an existing account.");
    }
}
