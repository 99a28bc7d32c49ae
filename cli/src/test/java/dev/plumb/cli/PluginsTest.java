package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.JUnitXml;
import java.nio.file.Files;
import java.nio.file.Path;
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
        try (PluginLoader loader = new PluginLoader(new Console(System.out, System.err))) {
            assertThat(loader.catalog(options.resolved(Map.of(PluginOptions.ENVIRONMENT, first.toString()))).rules())
                    .extracting(rule -> rule.id() + "@" + rule.source())
                    .contains("account_supportrole@built-in", "plugin_well_behaved@misbehaving.jar",
                            "plugin_broken_module@brokenmodule.jar");
        }
    }

    private static Map<String, JUnitXml.TestCase> byRule(JUnitXml report) {
        return report.cases().stream().collect(Collectors.toMap(c -> c.name().substring(0, c.name().indexOf(' ')),
                Function.identity()));
    }
}
