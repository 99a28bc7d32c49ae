package dev.plumb.cli;

import dev.plumb.engine.AwsConnection;
import dev.plumb.engine.CallerIdentity;
import dev.plumb.engine.CatalogException;
import dev.plumb.engine.RuleCatalog;
import dev.plumb.engine.ScanRequest;
import dev.plumb.engine.Snapshot;
import dev.plumb.engine.SnapshotException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Scans AWS accounts with every rule (or the rules you choose) and writes JUnit XML under",
            "DIR/junit/. Without targets it scans the account of the current AWS credentials.",
            "",
            "Examples:",
            "  plumb scan --snapshot samples/snapshots/compliant.json",
            "  plumb scan --profile audit --region eu-west-1",
            "  plumb scan --endpoint-url http://127.0.0.1:5000 --rules account_supportrole",
            "  plumb scan --accounts-file accounts.txt --role-name PlumbAudit --parallelism 32",
            "  plumb scan --org --role-name OrganizationAccountAccessRole"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing failed",
            "1:at least one FAIL",
            "2:at least one ERROR: results are incomplete (takes precedence over 1)",
            "3:bad usage or input before any scan (reports are not written)"})
final class ScanCommand implements Callable<Integer> {

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Mixin
    TargetOptions targetOptions = new TargetOptions();

    @Option(names = "--snapshot", paramLabel = "FILE",
            description = "Scan offline from the JSON of 'aws iam get-account-authorization-details' (or "
                    + "'plumb snapshot') instead of the live account. Repeat to scan several accounts.")
    List<Path> snapshots = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "plumb-reports",
            description = "Directory of the reports (default: ${DEFAULT-VALUE}). Plumb replaces its own "
                    + "reports there and leaves other files alone.")
    Path output;

    @Option(names = "--rules", paramLabel = "ID", split = ",",
            description = "Run only these rules (comma separated ids; default: all). 'plumb rules' lists them.")
    List<String> rules = new ArrayList<>();

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
        checkOutput(output);
        RuleCatalog catalog = loadCatalog();
        List<String> ruleIds = RuleSelection.resolve(catalog, rules);
        Set<String> secrets = new HashSet<>(Secrets.fromEnvironment(environment));
        List<ScanRequest.Target> targets = !snapshots.isEmpty() ? snapshotTargets()
                : targetOptions.hasTargets() ? assumedTargets(targetResolver, region, profile, endpoint, secrets)
                : List.of(callerTarget(region, profile, endpoint, secrets));
        ScanRequest request = new ScanRequest(targets, region, profile, endpoint, ruleIds,
                targetOptions.parallelism, ruleTimeout, callTimeout, debug, accountTimeout);
        if (!quiet) {
            console.problem("scanning " + plural(targets.size(), "account") + " with "
                    + plural(ruleIds.isEmpty() ? catalog.rules().size() : ruleIds.size(), "rule")
                    + (snapshots.isEmpty() ? " (region " + region + ", partition " + targets.get(0).partition()
                            + (targets.size() > 1 ? ", " + targetOptions.parallelism + " at a time" : "") + ")"
                            : " from offline snapshots"));
        }
        return new ScanRunner(console, catalog, quiet).run(request, output, secrets);
    }

    private RuleCatalog loadCatalog() {
        try {
            return RuleCatalog.load(ScanCommand.class.getClassLoader());
        } catch (CatalogException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private ScanRequest.Target callerTarget(String region, String profile, String endpoint, Set<String> secrets) {
        try (AwsConnection connection = new AwsConnection(region, profile, endpoint, Duration.ofSeconds(callTimeout),
                List.of())) {
            CallerIdentity identity = Preflight.callerIdentity(connection, region, endpoint);
            secrets.addAll(callerSecrets(profile));
            return ScanRequest.Target.caller(identity.accountId(), identity.partition());
        }
    }

    private List<ScanRequest.Target> assumedTargets(TargetResolver resolver, String region, String profile,
            String endpoint, Set<String> secrets) {
        List<String> listed = resolver.listedAccounts();
        try (AwsConnection connection = new AwsConnection(region, profile, endpoint, Duration.ofSeconds(callTimeout),
                List.of())) {
            Preflight.callerIdentity(connection, region, endpoint);
            secrets.addAll(callerSecrets(profile));
            if (targetOptions.externalId != null) {
                secrets.add(targetOptions.externalId);
            }
            return resolver.resolve(connection, AwsOptions.partitionOf(region), listed);
        }
    }

    private static Set<String> callerSecrets(String profile) {
        Set<String> found = new HashSet<>();
        DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
        if (profile != null) {
            chain.profileName(profile);
        }
        try (DefaultCredentialsProvider provider = chain.build()) {
            AwsCredentials credentials = provider.resolveCredentials();
            found.add(credentials.secretAccessKey());
            if (credentials instanceof AwsSessionCredentials session) {
                found.add(session.sessionToken());
            }
        } catch (RuntimeException unavailable) {
            // nothing resolved, so nothing to hide
        }
        return found;
    }

    private List<ScanRequest.Target> snapshotTargets() {
        Map<String, ScanRequest.Target> byAccount = new LinkedHashMap<>();
        for (Path file : snapshots) {
            try {
                var account = Snapshot.read(file).account(file);
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
