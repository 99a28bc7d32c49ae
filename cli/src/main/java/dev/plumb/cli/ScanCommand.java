package dev.plumb.cli;

import dev.plumb.api.Severity;
import dev.plumb.engine.PlannedScan;
import dev.plumb.engine.PlumbEngineKeys;
import dev.plumb.engine.ScanRequest;
import dev.plumb.reporting.ExitPolicy;
import dev.plumb.reporting.SarifOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Scans AWS accounts; writes every finding as JUnit XML, Allure and SARIF.",
            "Reports: DIR/junit/TEST-plumb.xml, DIR/allure-results/, DIR/plumb.sarif.",
            "Without --accounts, --accounts-file, --org or --snapshot it scans the",
            "account of the current AWS credentials. With --terraform-plan or",
            "--cloudformation it judges the account as the changes leave it.",
            "",
            "Examples:",
            "  plumb scan --snapshot samples/snapshots/compliant.json",
            "  plumb scan --profile audit --region eu-west-1",
            "  plumb scan --endpoint-url http://127.0.0.1:5000",
            "  plumb scan --accounts-file accounts.txt --role-name PlumbAudit",
            "  plumb scan --org --role-name OrganizationAccountAccessRole",
            "  plumb scan --terraform-plan plan.json --account 123456789012",
            "  plumb scan --terraform-plan plan.json --snapshot account.json",
            "  plumb scan --cloudformation support-role.yaml --account 123456789012"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing failed",
            "1:at least one FAIL (at or above --fail-on)",
            "2:at least one ERROR: results are incomplete (takes precedence over 1; not with --allow-errors),",
            "  or the reports could not be written (the previous ones stay)",
            "3:bad usage or input before any scan, DIR in use by another scan, or a linked",
            "  DIR/junit or DIR/allure-results (reports are not written)"})
final class ScanCommand implements Callable<Integer> {

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Mixin
    TargetOptions targetOptions = new TargetOptions();

    @Option(names = "--snapshot", paramLabel = "FILE",
            description = "Scan offline from the JSON of 'aws iam get-account-authorization-details' (or "
                    + "'plumb snapshot') instead of the live account. Repeat to scan several accounts.")
    List<Path> snapshots = new ArrayList<>();

    @Mixin
    IacOptions iac = new IacOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "plumb-reports",
            description = "Directory of the reports (default: ${DEFAULT-VALUE}). Plumb replaces its own "
                    + "reports there and leaves other files alone.")
    Path output;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Option(names = "--rules", paramLabel = "ID", split = ",",
            description = "Run only these rules: comma separated ids or globs such as 'iam_*' (default: all). "
                    + "'plumb rules' lists them.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--exclude-rules", paramLabel = "ID", split = ",",
            description = "Leave out these rules: comma separated ids or globs.")
    List<String> excludeRules = new ArrayList<>();

    @Option(names = "--tags", paramLabel = "TAG", split = ",",
            description = "Run only rules with at least one of these tags (comma separated).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--min-severity", paramLabel = "SEVERITY",
            description = "Run only rules of this severity or higher: informational, low, medium, high, critical.")
    Severity minSeverity;

    @Option(names = "--suppressions", paramLabel = "FILE",
            description = "YAML file of accepted FAILs (rule, account, resource globs; a reason; an optional expiry "
                    + "date). Matching FAILs are reported as SUPPRESSED and do not change the exit code.")
    Path suppressions;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "informational",
            description = "Lowest severity whose FAILs give exit code 1 (default: ${DEFAULT-VALUE}, i.e. any FAIL).")
    Severity failOn;

    @Option(names = "--allow-errors",
            description = "ERROR findings do not give exit code 2 (the reports still show them).")
    boolean allowErrors;

    @Option(names = "--rule-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Time one rule may take in one account before it is stopped and reported as ERROR "
                    + "(default: ${DEFAULT-VALUE}).")
    int ruleTimeout;

    @Option(names = "--call-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Time one AWS API call may take, retries included (default: ${DEFAULT-VALUE}).")
    int callTimeout;

    @Option(names = "--account-timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "Time one account may take, assuming its role and running all its rules, before what is "
                    + "left is stopped and reported as ERROR (default: ${DEFAULT-VALUE}).")
    int accountTimeout;

    @Mixin
    SarifLocationOptions sarif = new SarifLocationOptions();

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr; the summary still goes to stdout.")
    boolean quiet;

    @Option(names = "--debug", description = "Stack traces for errors.")
    boolean debug;

    private final Console console;

    ScanCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> environment = System.getenv();
        String region = aws.resolvedRegion(environment);
        String profile = aws.resolvedProfile(environment);
        String endpoint = aws.endpoint();
        PlannedScan.Options options = PlannedScan.check(keys(environment, region, profile, endpoint),
                OptionKeys.NAMES);
        checkOutput(output);
        sarif.resolve(null);
        try (PlannedScan plan = options.plan(console.secrets(), warning -> console.problem("warning: " + warning))) {
            return scan(plan, region);
        }
    }

    /** The options as the engine's configuration keys; unset options are left out. */
    private Map<String, String> keys(Map<String, String> environment, String region, String profile,
            String endpoint) {
        Map<String, String> keys = new LinkedHashMap<>();
        put(keys, PlumbEngineKeys.SNAPSHOTS, snapshots);
        put(keys, PlumbEngineKeys.ACCOUNTS, targetOptions.accounts);
        put(keys, PlumbEngineKeys.ACCOUNTS_FILE, targetOptions.accountsFile);
        put(keys, PlumbEngineKeys.ORG, targetOptions.organization);
        put(keys, PlumbEngineKeys.ROLE_NAME, targetOptions.roleName);
        put(keys, PlumbEngineKeys.EXTERNAL_ID, targetOptions.externalId);
        put(keys, PlumbEngineKeys.PARALLELISM, targetOptions.parallelism);
        put(keys, PlumbEngineKeys.REGION, region);
        put(keys, PlumbEngineKeys.PROFILE, profile);
        put(keys, PlumbEngineKeys.ENDPOINT_URL, endpoint);
        put(keys, PlumbEngineKeys.PLUGINS, plugins.resolved(environment));
        put(keys, PlumbEngineKeys.RULES, rules);
        put(keys, PlumbEngineKeys.EXCLUDE_RULES, excludeRules);
        put(keys, PlumbEngineKeys.TAGS, tags);
        put(keys, PlumbEngineKeys.MIN_SEVERITY, minSeverity == null ? null : minSeverity.label());
        put(keys, PlumbEngineKeys.SUPPRESSIONS, suppressions);
        put(keys, PlumbEngineKeys.RULE_TIMEOUT, ruleTimeout);
        put(keys, PlumbEngineKeys.CALL_TIMEOUT, callTimeout);
        put(keys, PlumbEngineKeys.ACCOUNT_TIMEOUT, accountTimeout);
        put(keys, PlumbEngineKeys.DEBUG, debug);
        put(keys, PlumbEngineKeys.TERRAFORM_PLANS, iac.plans);
        put(keys, PlumbEngineKeys.CLOUDFORMATION_TEMPLATES, iac.templates);
        put(keys, PlumbEngineKeys.TERRAFORM_DIR, iac.terraformDir);
        put(keys, PlumbEngineKeys.ACCOUNT, iac.account);
        put(keys, PlumbEngineKeys.SOURCE_ROOT, iac.sourceRoot);
        put(keys, PlumbEngineKeys.LIVE, iac.live);
        return keys;
    }

    private static void put(Map<String, String> keys, String key, Object value) {
        if (value instanceof List<?> list) {
            if (!list.isEmpty()) {
                keys.put(key, PlumbEngineKeys.listValue(list));
            }
        } else if (value instanceof Boolean flag) {
            if (flag) {
                keys.put(key, "true");
            }
        } else if (value != null) {
            keys.put(key, String.valueOf(value));
        }
    }

    private Integer scan(PlannedScan plan, String region) {
        ScanRequest request = plan.request();
        List<ScanRequest.Target> targets = request.targets();
        ScanRequest.Target first = targets.get(0);
        boolean callersOwn = targets.size() == 1 && first.roleArn() == null && first.snapshot() == null
                && first.iac() == null;
        String category = SarifLocationOptions.defaultCategory(
                targets.stream().map(ScanRequest.Target::partition).toList(), plan.organization(),
                plan.organizationId().orElse(null), callersOwn ? first.accountId() : null);
        // a gate on plans and templates must not replace the alerts of the account's own scans
        SarifOptions sarifOptions = sarif.resolve(iac.given() ? category + "iac/" + first.accountId() + "/"
                : category);
        if (!quiet) {
            console.problem("scanning " + plural(targets.size(), "account") + " with "
                    + plural(plan.ruleCount(), "rule")
                    + (iac.given() && !iac.live && snapshots.isEmpty() ? " from Terraform plans and templates"
                            : snapshots.isEmpty() ? " (region " + region + ", partition " + first.partition()
                            + (targets.size() > 1 ? ", " + request.parallelism() + " at a time" : "") + ")"
                            : " from offline snapshots"));
        }
        return new ScanRunner(console, plan, quiet, new ExitPolicy(failOn, allowErrors))
                .run(request, output, console.secrets(), sarifOptions);
    }

    static void checkOutput(Path output) {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new UsageException("--output " + output + " is a file: give a directory for the reports.");
        }
    }

    static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
