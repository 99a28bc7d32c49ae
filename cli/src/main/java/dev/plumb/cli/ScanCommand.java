package dev.plumb.cli;

import dev.plumb.engine.AwsConnection;
import dev.plumb.engine.CallerIdentity;
import dev.plumb.api.Severity;
import dev.plumb.engine.RuleCatalog;
import dev.plumb.engine.RuleDefinition;
import dev.plumb.engine.ScanRequest;
import dev.plumb.engine.Secrets;
import dev.plumb.engine.SuppressionFile;
import dev.plumb.engine.SnapshotException;
import dev.plumb.engine.SnapshotFiles;
import dev.plumb.reporting.ExitPolicy;
import dev.plumb.reporting.SarifOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
        if (ruleTimeout < 1 || callTimeout < 1 || accountTimeout < 1) {
            throw new UsageException("--rule-timeout, --call-timeout and --account-timeout must be at least 1 second.");
        }
        TargetResolver targetResolver = new TargetResolver(targetOptions);
        targetResolver.validate(!snapshots.isEmpty());
        iac.validate(snapshots.size(), targetOptions.hasTargets());
        checkOutput(output);
        sarif.resolve(null);
        try (PluginLoader loader = new PluginLoader(console)) {
            RuleCatalog catalog = loader.catalog(plugins.resolved(environment));
            return scan(catalog, environment, region, profile, endpoint, targetResolver);
        }
    }

    private Integer scan(RuleCatalog catalog, Map<String, String> environment, String region, String profile,
            String endpoint, TargetResolver targetResolver) {
        RuleSelection selection = new RuleSelection(rules, excludeRules, tags, minSeverity);
        List<String> ruleIds = selection.selectsAll() ? List.of()
                : selection.resolve(catalog).stream().map(RuleDefinition::id).toList();
        SuppressionFile.Loaded suppressed = suppressions == null
                ? new SuppressionFile.Loaded(List.of(), List.of())
                : SuppressionFile.read(suppressions, LocalDate.now(ZoneOffset.UTC));
        suppressed.warnings().forEach(warning -> console.problem("warning: " + warning));
        Secrets secrets = console.secrets();
        SnapshotFiles snapshotFiles = new SnapshotFiles();
        List<ScanRequest.Target> targets = iac.given() ? List.of(iac.target(() -> !snapshots.isEmpty()
                        ? snapshotTargets(snapshotFiles).get(0)
                        : iac.live ? callerTarget(region, profile, endpoint, secrets) : null,
                        AwsOptions.partitionOf(region)))
                : !snapshots.isEmpty() ? snapshotTargets(snapshotFiles)
                : targetOptions.hasTargets() ? assumedTargets(targetResolver, region, profile, endpoint, secrets)
                : List.of(callerTarget(region, profile, endpoint, secrets));
        iac.warnings.forEach(warning -> console.problem("warning: " + warning));
        String category = SarifLocationOptions.defaultCategory(
                targets.stream().map(ScanRequest.Target::partition).toList(), targetOptions.organization,
                targetResolver.organizationId().orElse(null),
                snapshots.isEmpty() && !targetOptions.hasTargets() && !iac.given() ? targets.get(0).accountId() : null);
        // a gate on plans and templates must not replace the alerts of the account's own scans
        SarifOptions sarifOptions = sarif.resolve(iac.given() ? category + "iac/" + targets.get(0).accountId() + "/"
                : category);
        ScanRequest request = new ScanRequest(targets, region, profile, endpoint, ruleIds,
                targetOptions.parallelism, ruleTimeout, callTimeout, debug, suppressed.active(), accountTimeout);
        if (!quiet) {
            console.problem("scanning " + plural(targets.size(), "account") + " with "
                    + plural(ruleIds.isEmpty() ? catalog.rules().size() : ruleIds.size(), "rule")
                    + (iac.given() && !iac.live && snapshots.isEmpty() ? " from Terraform plans and templates"
                            : snapshots.isEmpty() ? " (region " + region + ", partition " + targets.get(0).partition()
                            + (targets.size() > 1 ? ", " + targetOptions.parallelism + " at a time" : "") + ")"
                            : " from offline snapshots"));
        }
        return new ScanRunner(console, catalog, quiet, new ExitPolicy(failOn, allowErrors), snapshotFiles)
                .run(request, output, secrets, sarifOptions);
    }

    private ScanRequest.Target callerTarget(String region, String profile, String endpoint, Secrets secrets) {
        try (AwsConnection connection = connect(region, profile, endpoint)) {
            secrets.addAll(connection.callerCredentialValues());
            CallerIdentity identity = Preflight.callerIdentity(connection, profile, region, endpoint);
            return ScanRequest.Target.caller(identity.accountId(), identity.partition());
        }
    }

    private List<ScanRequest.Target> assumedTargets(TargetResolver resolver, String region, String profile,
            String endpoint, Secrets secrets) {
        secrets.add(targetOptions.externalId);
        List<String> listed = resolver.listedAccounts();
        try (AwsConnection connection = connect(region, profile, endpoint)) {
            secrets.addAll(connection.callerCredentialValues());
            Preflight.callerIdentity(connection, profile, region, endpoint);
            return resolver.resolve(connection, AwsOptions.partitionOf(region), listed);
        }
    }

    private AwsConnection connect(String region, String profile, String endpoint) {
        return new AwsConnection(region, profile, endpoint, Duration.ofSeconds(callTimeout), List.of());
    }

    /** Reads each snapshot once, into the files the engine then scans. */
    private List<ScanRequest.Target> snapshotTargets(SnapshotFiles snapshotFiles) {
        Map<String, ScanRequest.Target> byAccount = new LinkedHashMap<>();
        for (Path file : snapshots) {
            try {
                var account = snapshotFiles.read(file).account(file);
                ScanRequest.Target clash = byAccount.put(account.id(),
                        ScanRequest.Target.snapshot(account.id(), account.partition(), file.toString()));
                if (clash != null) {
                    throw new UsageException("snapshots " + clash.snapshot() + " and " + file + " are both of account "
                            + account.id() + ": pass one snapshot per account.");
                }
            } catch (SnapshotException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return List.copyOf(byAccount.values());
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
