package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandTest {

    @TempDir
    Path work;

    @Test
    void theTableListsBuiltInAndPluginRulesWithTheirSource() {
        PluginJars.build("misbehaving", work, "misbehaving.jar");

        Cli result = Cli.run(null, "rules", "--plugins", work.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out().lines().findFirst().orElseThrow())
                .matches("ID +SEVERITY +TITLE +TAGS +COMPLIANCE +PACK +SOURCE");
        assertThat(result.out()).containsPattern("account_supportrole +low +An IAM role has the AWS managed policy "
                + "AWSSupportAccess +iam,incident-response\\S* +CIS-AWS-1.4:1.17\\S* +plumb-aws \\(built-in\\) +built-in")
                .containsPattern("plugin_well_behaved +high +A plugin rule that fails the account +plugin,storage +TEST:1 "
                        + "+misbehaving +misbehaving.jar")
                .contains("6 rules.");
    }

    @Test
    void jsonListsEveryRuleWithItsMetadata() throws Exception {
        PluginJars.build("misbehaving", work, "misbehaving.jar");

        Cli result = Cli.run(null, "rules", "--json", "--plugins", work.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode rules = new ObjectMapper().readTree(result.out());
        assertThat(rules).hasSize(6);
        JsonNode builtIn = rules.get(0);
        assertThat(builtIn.get("id").asText()).isEqualTo("account_supportrole");
        assertThat(builtIn.get("severity").asText()).isEqualTo("low");
        assertThat(builtIn.get("compliance").toString()).contains("AWS-SecurityHub:IAM.18");
        assertThat(builtIn.get("source").asText()).isEqualTo("built-in");
        JsonNode plugin = rules.findParents("id").stream()
                .filter(rule -> rule.get("id").asText().equals("plugin_well_behaved")).findFirst().orElseThrow();
        assertThat(plugin.get("tags").toString()).isEqualTo("[\"plugin\",\"storage\"]");
        assertThat(plugin.get("pack").asText()).isEqualTo("misbehaving");
        assertThat(plugin.get("source").asText()).isEqualTo("misbehaving.jar");
    }

    @Test
    void explainPrintsTheHelpMarkdownOfBuiltInAndPluginRules() {
        PluginJars.build("misbehaving", work, "misbehaving.jar");

        Cli builtIn = Cli.run(null, "rules", "--explain", "account_supportrole");
        Cli plugin = Cli.run(null, "rules", "--explain", "plugin_well_behaved", "--plugins", work.toString());

        assertThat(builtIn.exitCode()).isZero();
        assertThat(builtIn.out()).startsWith("# An IAM role has the AWS managed policy AWSSupportAccess")
                .contains("AWSSupportAccess");
        assertThat(plugin.exitCode()).isZero();
        assertThat(plugin.out()).isEqualTo("# A plugin rule that fails the account\n\nHelp shipped inside the plugin jar.\n");
    }

    @Test
    void explainingAnUnknownIdIsExitThree() {
        Cli result = Cli.run(null, "rules", "--explain", "no_such_rule");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("unknown rule id 'no_such_rule'")
                .contains("account_supportrole");
        assertThat(result.out()).isEmpty();
    }
}
