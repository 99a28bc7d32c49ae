package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.JUnitXml;
import dev.plumb.testing.ScanReportFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars built in the test, loaded with --plugins, and every way a plugin can misbehave. */
class PluginsTest {

    private static final Path COMPLIANT = Path.of("../samples/snapshots/compliant.json");
    private static final String ROOT = "arn:aws:iam::210987654321:root";

    @TempDir
    Path work;

    @Test
    void aPluginsRulesRunNextToTheBuiltInOnesAndEachMisbehaviourIsAnErrorOfThatRuleOnly() {
        Path plugins = work.resolve("plugins");
        PluginJars.build("misbehaving", plugins, "misbehaving.jar");

        Cli result = Cli.run(work.resolve("out"), "scan", "--snapshot", COMPLIANT.toString(), "--plugins",
                plugins.toString(), "--rule-timeout", "1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        Map<String, JUnitXml.TestCase> byRule = byRule(result.junit());
        assertThat(byRule.get("account_supportrole").outcome()).isEqualTo("PASS");
        assertThat(byRule.get("plugin_well_behaved").outcome()).isEqualTo("FAIL");
        assertThat(byRule.get("plugin_well_behaved").message()).contains("fails the plugin's rule");
        assertThat(byRule.get("plugin_throws").outcome()).isEqualTo("ERROR");
        assertThat(byRule.get("plugin_throws").message())
                .contains("java.lang.IllegalStateException: the plugin rule broke on purpose");
        assertThat(byRule.get("plugin_hangs").outcome()).isEqualTo("ERROR");
        assertThat(byRule.get("plugin_hangs").message()).contains("did not finish within 1 s");
        assertThat(byRule.get("plugin_broken_constructor").outcome()).isEqualTo("ERROR");
        assertThat(byRule.get("plugin_broken_constructor").message()).contains("constructor refuses to run");
        assertThat(byRule.get("plugin_needs_unbound").outcome()).isEqualTo("ERROR");
        assertThat(byRule.get("plugin_needs_unbound").message()).contains("could not be created")
                .contains("MissingClient");
    }

    @Test
    void theAccountTimeoutStopsAHangingRuleWithAnErrorNamingTheOption() {
        Path plugins = work.resolve("plugins");
        PluginJars.build("misbehaving", plugins, "misbehaving.jar");

        Cli result = Cli.run(work.resolve("out"), "scan", "--snapshot", COMPLIANT.toString(), "--plugins",
                plugins.toString(), "--rules", "plugin_hangs", "--rule-timeout", "60", "--account-timeout", "1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.junit().only().message()).contains("Account 210987654321 did not finish within its time"
                + " limit of 1 s").contains("plugin_hangs").contains("--account-timeout");
    }

    @Test
    void aPackWhoseGuiceModuleFailsErrorsOnlyItsOwnRules() {
        Path plugins = work.resolve("plugins");
        PluginJars.build("brokenmodule", plugins, "brokenmodule.jar");

        Cli result = Cli.run(work.resolve("out"), "scan", "--snapshot", COMPLIANT.toString(), "--plugins",
                plugins.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        Map<String, JUnitXml.TestCase> byRule = byRule(result.junit());
        assertThat(byRule.get("account_supportrole").outcome()).isEqualTo("PASS");
        assertThat(byRule.get("plugin_broken_module").outcome()).isEqualTo("ERROR");
        assertThat(byRule.get("plugin_broken_module").message()).contains("Guice modules of rule pack broken-module")
                .contains("Account");
    }

    @Test
    void theSameRuleIdInTwoJarsIsExitThreeNamingBothJars() {
        Path plugins = work.resolve("plugins");
        PluginJars.build("misbehaving", plugins, "team-a-rules.jar");
        PluginJars.build("duplicate", plugins, "team-b-rules.jar");

        Cli result = Cli.run(work.resolve("out"), "scan", "--snapshot", COMPLIANT.toString(), "--plugins",
                plugins.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("'plugin_well_behaved' is defined twice")
                .contains("team-a-rules.jar").contains("team-b-rules.jar");
        assertThat(work.resolve("out")).doesNotExist();
    }

    @Test
    void aJarWithoutARulePackIsAWarningAndTheScanRuns() {
        Path plugins = work.resolve("plugins");
        PluginJars.build("nopack", plugins, "some-library.jar");

        Cli result = Cli.run(work.resolve("out"), "scan", "--snapshot", COMPLIANT.toString(), "--plugins",
                plugins.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).contains("warning: plugin jar " + plugins.toAbsolutePath().resolve("some-library.jar")
                + " has no rule pack");
        assertThat(result.junit().only().name()).startsWith("account_supportrole");
    }

    @Test
    void aTruncatedPluginJarIsExitThreeNamingTheJar() throws Exception {
        byte[] jar = Files.readAllBytes(PluginJars.build("misbehaving", work.resolve("built"), "rules.jar"));
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path truncated = Files.write(plugins.resolve("truncated.jar"), Arrays.copyOf(jar, jar.length / 2));

        Cli scan = Cli.run(work.resolve("out"), "scan", "--snapshot", COMPLIANT.toString(), "--plugins",
                plugins.toString());
        Cli rules = Cli.run(null, "rules", "--plugins", plugins.toString());

        for (Cli result : List.of(scan, rules)) {
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
            assertThat(result.err().strip()).as(result.toString()).doesNotContain("\n")
                    .contains("plugin jar " + truncated.toAbsolutePath()).contains("is not a readable jar")
                    .doesNotContain("has no rule pack");
        }
        assertThat(work.resolve("out")).doesNotExist();
    }

    @Test
    void aTextFileNamedJarIsExitThreeNamingIt() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        PluginJars.build("misbehaving", plugins, "good.jar");
        Path text = Files.writeString(plugins.resolve("notes.jar"), "not a jar, just notes\n");

        Cli result = Cli.run(work.resolve("out"), "scan", "--snapshot", COMPLIANT.toString(), "--plugins",
                plugins.toString(), "--rule-timeout", "1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("plugin jar " + text.toAbsolutePath())
                .contains("is not a readable jar");
        assertThat(work.resolve("out")).doesNotExist();
    }

    @Test
    void aServiceEntryNamingAMissingClassIsExitThreeNamingTheJar() {
        Path plugins = work.resolve("plugins");
        PluginJars.build("badservice", plugins, "bad-service.jar");

        Cli result = Cli.run(null, "rules", "--plugins", plugins.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("cannot load the rule packs of plugin")
                .contains("bad-service.jar").contains("dev.plumb.testplugins.badservice.NotThere");
    }

    @Test
    void aMissingPluginDirectoryOrAFileInsteadIsExitThree() throws Exception {
        Path file = Files.writeString(work.resolve("not-a-dir.jar"), "x");

        Cli missing = Cli.run(work.resolve("out"), "scan", "--snapshot", COMPLIANT.toString(), "--plugins",
                work.resolve("nowhere").toString());
        Cli notDirectory = Cli.run(null, "rules", "--plugins", file.toString());

        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("plugin directory")
                .contains("nowhere does not exist");
        assertThat(notDirectory.exitCode()).isEqualTo(3);
        assertThat(notDirectory.err()).contains("is not a directory");
    }

    @Test
    void pluginDirectoriesComeFromTheEnvironmentToo() {
        Path first = work.resolve("first");
        Path second = work.resolve("second");
        PluginJars.build("misbehaving", first, "misbehaving.jar");
        PluginJars.build("brokenmodule", second, "brokenmodule.jar");
        PluginOptions options = new PluginOptions();
        options.directories.add(second);

        assertThat(options.resolved(Map.of(PluginOptions.ENVIRONMENT, first + java.io.File.pathSeparator + second)))
                .containsExactly(first.toAbsolutePath(), second.toAbsolutePath());
        try (dev.plumb.engine.PluginLoader loader = new dev.plumb.engine.PluginLoader(
                warning -> System.err.println("warning: " + warning), OptionKeys.NAMES)) {
            assertThat(loader.catalog(options.resolved(Map.of(PluginOptions.ENVIRONMENT, first.toString()))).rules())
                    .extracting(rule -> rule.id() + "@" + rule.source())
                    .contains("account_supportrole@built-in", "plugin_well_behaved@misbehaving.jar",
                            "plugin_broken_module@brokenmodule.jar");
        }
    }

    @Test
    void aNullReportIsAnErrorOfTheRuleAndTheFailAfterItIsKept() {
        Path plugins = work.resolve("plugins");
        PluginJars.build("verdicts", plugins, "verdicts.jar");

        Cli result = Cli.run(work.resolve("out"), "scan", "--snapshot", COMPLIANT.toString(), "--plugins",
                plugins.toString(), "--rules", "plugin_null_then_fail");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).as(result.toString()).contains("PASS 0  FAIL 1  ERROR 1  SKIPPED 0  SUPPRESSED 0")
                .containsPattern("FAIL +210987654321 plugin_null_then_fail: Bucket exposed-bucket .* is public")
                .containsPattern("ERROR 210987654321 plugin_null_then_fail: .*reported a null finding");
        Map<String, String> outcomes = new ScanReportFiles(work.resolve("out")).junitOutcomes();
        assertThat(outcomes).containsEntry("plugin_null_then_fail [210987654321] arn:aws:s3:::exposed-bucket", "FAIL")
                .containsEntry("plugin_null_then_fail [210987654321] " + ROOT, "ERROR").hasSize(2);
    }

    @Test
    void findingsOfOneResourceAndAResourceNamedLikeTheirSuffixAreAllInEveryReport() {
        Path plugins = work.resolve("plugins");
        PluginJars.build("verdicts", plugins, "verdicts.jar");
        Path out = work.resolve("out");

        Cli result = Cli.run(out, "scan", "--snapshot", COMPLIANT.toString(), "--plugins", plugins.toString(),
                "--rules", "plugin_same_resource", "--sarif-full");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("PASS 2  FAIL 1  ERROR 0  SKIPPED 0  SUPPRESSED 0")
                .contains("second finding of r fails");
        ScanReportFiles reports = new ScanReportFiles(out);
        JUnitXml junit = reports.junit();
        assertThat(junit.cases()).extracting(JUnitXml.TestCase::name).doesNotHaveDuplicates().hasSize(3);
        assertThat(junit.cases()).extracting(JUnitXml.TestCase::outcome).containsExactlyInAnyOrder("PASS", "FAIL",
                "PASS");
        assertThat(junit.cases()).filteredOn(c -> c.outcome().equals("FAIL")).singleElement()
                .satisfies(c -> assertThat(c.message()).contains("second finding of r fails"));
        assertThat(reports.allureOutcomes()).hasSize(3).containsValues("PASS", "FAIL");
        assertThat(reports.allureOutcomes().values()).containsExactlyInAnyOrder("PASS", "FAIL", "PASS");
        assertThat(reports.sarif("plumb-full.sarif.json").path("runs").get(0).path("results")).extracting(
                r -> r.path("properties").path("resource").asText() + " " + r.path("properties").path("outcome").asText())
                .containsExactlyInAnyOrder("r PASS", "r FAIL", "r#2 PASS");
        assertThat(reports.allureResults()).extracting(r -> r.path("historyId").asText()).doesNotHaveDuplicates();
        assertThat(reports.sarif("plumb-full.sarif.json").path("runs").get(0).path("results")).extracting(
                r -> r.path("partialFingerprints").path("primaryLocationLineHash").asText()).doesNotHaveDuplicates();
        assertThat(reports.sarif("plumb.sarif").path("runs").get(0).path("results")).singleElement()
                .satisfies(r -> assertThat(r.path("message").path("text").asText()).contains("second finding of r"));
    }

    private static Map<String, JUnitXml.TestCase> byRule(JUnitXml report) {
        return report.cases().stream().collect(Collectors.toMap(c -> c.name().substring(0, c.name().indexOf(' ')),
                Function.identity()));
    }
}
