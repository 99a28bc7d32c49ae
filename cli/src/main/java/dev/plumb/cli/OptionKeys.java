package dev.plumb.cli;

import static dev.plumb.engine.PlumbEngineKeys.*;

import dev.plumb.engine.OptionNames;
import java.util.Map;

/** The options of the commands by the engine key each one sets, so the engine's errors name the options. */
final class OptionKeys {

    static final OptionNames NAMES = OptionNames.commandLine(Map.ofEntries(
            Map.entry(SNAPSHOTS, "--snapshot"),
            Map.entry(ACCOUNTS, "--accounts"),
            Map.entry(ACCOUNTS_FILE, "--accounts-file"),
            Map.entry(ORG, "--org"),
            Map.entry(ROLE_NAME, "--role-name"),
            Map.entry(EXTERNAL_ID, "--external-id"),
            Map.entry(REGION, "--region"),
            Map.entry(PROFILE, "--profile"),
            Map.entry(ENDPOINT_URL, "--endpoint-url"),
            Map.entry(RULES, "--rules"),
            Map.entry(EXCLUDE_RULES, "--exclude-rules"),
            Map.entry(TAGS, "--tags"),
            Map.entry(MIN_SEVERITY, "--min-severity"),
            Map.entry(SUPPRESSIONS, "--suppressions"),
            Map.entry(PARALLELISM, "--parallelism"),
            Map.entry(RULE_TIMEOUT, "--rule-timeout"),
            Map.entry(CALL_TIMEOUT, "--call-timeout"),
            Map.entry(ACCOUNT_TIMEOUT, "--account-timeout"),
            Map.entry(DEBUG, "--debug"),
            Map.entry(PLUGINS, "--plugins (or " + PluginOptions.ENVIRONMENT + ")"),
            Map.entry(TERRAFORM_PLANS, "--terraform-plan"),
            Map.entry(CLOUDFORMATION_TEMPLATES, "--cloudformation"),
            Map.entry(TERRAFORM_DIR, "--terraform-dir"),
            Map.entry(ACCOUNT, "--account"),
            Map.entry(SOURCE_ROOT, "--source-root"),
            Map.entry(LIVE, "--live")));

    private OptionKeys() {
    }
}
