package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.JUnitXml;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --rules, --exclude-rules, --tags and --min-severity on a scan with a plugin's rules loaded. */
class RuleSelectionTest {

    private static final Path COMPLIANT = Path.of("../samples/snapshots/compliant.json");

    @TempDir
    Path work;

    private Path plugins;

    @BeforeEach
    void plugin() {
        plugins = work.resolve("plugins");
        PluginJars.build("misbehaving", plugins, "misbehaving.jar");
    }

    @Test
    void globsChooseRulesAndExcludesLeaveSomeOut() {
        Cli result = scan("--rules", "plugin_*", "--exclude-rules", "plugin_hangs,plugin_broken_*,plugin_needs_*");

        assertThat(ruleIds(result)).containsExactly("plugin_throws", "plugin_well_behaved");
    }

    @Test
    void tagsChooseRulesWithAnyOfThem() {
        Cli result = scan("--tags", "storage,incident-response");

        assertThat(ruleIds(result)).containsExactly("account_supportrole", "plugin_well_behaved");
    }

    @Test
    void minSeverityKeepsTheRulesAtOrAboveIt() {
        Cli result = scan("--min-severity", "HIGH");

        assertThat(ruleIds(result)).containsExactly("plugin_well_behaved");
    }

    @Test
    void anUnknownPlainIdIsExitThree() {
        Cli result = scan("--exclude-rules", "plugin_hangz");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n")
                .contains("unknown rule id 'plugin_hangz' in --exclude-rules");
    }

    @Test
    void aSelectionThatMatchesNoRuleIsExitThreeWithAClearLine() {
        Cli result = scan("--rules", "s3_*", "--min-severity", "critical");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip()).isEqualTo("plumb: the rule selection (--rules s3_* --min-severity critical)"
                + " matches none of the 6 rules known. Run 'plumb rules' to list them.");
        assertThat(work.resolve("out")).doesNotExist();
    }

    @Test
    void blankOptionsMeanEveryRule() {
        Cli result = scan("--rules", " ", "--exclude-rules", " ,");

        assertThat(result.exitCode()).as(result.toString()).isNotEqualTo(3);
        assertThat(ruleIds(result)).hasSize(6);
    }

    private Cli scan(String... selection) {
        List<String> args = new java.util.ArrayList<>(List.of("scan", "--snapshot", COMPLIANT.toString(), "--plugins",
                plugins.toString(), "--rule-timeout", "1"));
        args.addAll(List.of(selection));
        return Cli.run(work.resolve("out"), args.toArray(String[]::new));
    }

    private static List<String> ruleIds(Cli result) {
        JUnitXml report = result.junit();
        return report.cases().stream().map(c -> c.name().substring(0, c.name().indexOf(' '))).sorted().toList();
    }
}
