package dev.plumb.engine;

import dev.plumb.api.Account;
import dev.plumb.engine.aws.AwsConnection;
import dev.plumb.engine.aws.CallerIdentity;
import dev.plumb.engine.aws.OrganizationAccounts;
import dev.plumb.engine.snapshot.SnapshotException;
import dev.plumb.engine.snapshot.SnapshotFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Turns the {@link ScanSettings} (and the snapshot files selected by the discovery request) into
 * the {@link ScanRequest} of one scan: the rule catalog with its plugins, the chosen rules, the
 * suppressions, and the targets (snapshot accounts, an account judged with Terraform plans and
 * CloudFormation templates, assume-role targets, the organization's accounts, or the caller's own
 * account). Live targets are found with one {@link AwsConnection}, which the scan then goes on using.
 */
final class ScanPlanner {

    private static final Logger LOG = Logger.getLogger(ScanPlanner.class.getName());

    /** Where warnings go without a caller that shows them: the engine's logger. */
    static final Consumer<String> LOGGED = warning -> LOG.log(Level.WARNING, "plumb: warning: {0}", warning);

    /**
     * The planned scan.
     *
     * @param request        what the scan does
     * @param aws            the connection it runs with (null when it needs none yet)
     * @param catalog        the rules it chooses from, or null for the engine's own
     * @param organizationId the organization's id, when its accounts were listed and their ARNs name it
     * @param plugins        the class loaders of the plugin jars, released after the scan (or null)
     */
    record Plan(ScanRequest request, AwsConnection aws, RuleCatalog catalog, String organizationId,
            PluginLoader plugins) {

        Plan(ScanRequest request, AwsConnection aws) {
            this(request, aws, null, null, null);
        }

        /** Releases the connection and the plugin jars; safe to call twice. */
        void close() {
            if (aws != null) {
                aws.close();
            }
            if (plugins != null) {
                plugins.close();
            }
        }
    }

    private final ScanSettings settings;
    private final SnapshotFiles files;
    private final Secrets secrets;
    private final List<ExecutionInterceptor> interceptors;
    private AwsConnection aws;
    private String organizationId;

    private ScanPlanner(ScanSettings settings, SnapshotFiles files, Secrets secrets,
            List<ExecutionInterceptor> interceptors) {
        this.settings = settings;
        this.files = files;
        this.secrets = secrets;
        this.interceptors = interceptors;
    }

    static Plan plan(ScanSettings settings, List<Path> selectedSnapshots, RuleCatalog catalog, SnapshotFiles files,
            Secrets secrets, List<ExecutionInterceptor> interceptors) {
        return plan(settings, selectedSnapshots, catalog, ScanPlanner.class.getClassLoader(), files, secrets,
                interceptors, LOGGED);
    }

    /**
     * @param catalog  the rules to choose from, or null for the packs visible to {@code base} and those
     *                 of {@link PlumbEngineKeys#PLUGINS}
     * @param warnings receives what the user should know about a scan that runs anyway
     */
    static Plan plan(ScanSettings settings, List<Path> selectedSnapshots, RuleCatalog catalog, ClassLoader base,
            SnapshotFiles files, Secrets secrets, List<ExecutionInterceptor> interceptors, Consumer<String> warnings) {
        return new ScanPlanner(settings, files, secrets, interceptors).plan(selectedSnapshots, catalog, base,
                warnings);
    }

    private Plan plan(List<Path> selectedSnapshots, RuleCatalog catalog, ClassLoader base,
            Consumer<String> warnings) {
        OptionNames names = settings.names();
        PluginLoader plugins = new PluginLoader(warnings, names);
        try {
            RuleCatalog rules;
            if (catalog == null) {
                rules = plugins.catalog(base, settings.plugins());
            } else if (settings.plugins().isEmpty()) {
                rules = catalog;
            } else {
                throw new PlumbConfigurationException(names.of(PlumbEngineKeys.PLUGINS) + " cannot add plugins to "
                        + "an engine built with its own rule catalog: put the plugin's rule packs in that catalog.");
            }
            List<String> ruleIds = settings.ruleIds(rules);
            List<Suppression> suppressions = List.of();
            if (settings.suppressions() != null) {
                SuppressionFile.Loaded loaded = SuppressionFile.read(settings.suppressions(),
                        LocalDate.now(ZoneOffset.UTC));
                loaded.warnings().forEach(warnings);
                suppressions = loaded.active();
            }
            List<ScanRequest.Target> targets = targets(selectedSnapshots, warnings);
            ScanRequest request = new ScanRequest(targets, settings.region(), settings.profile(), settings.endpoint(),
                    ruleIds, settings.parallelism(), settings.ruleTimeout(), settings.callTimeout(), settings.debug(),
                    suppressions, settings.accountTimeout());
            return new Plan(request, aws, catalog == null ? rules : null, organizationId,
                    catalog == null ? plugins : null);
        } catch (RuntimeException | Error e) {
            plugins.close();
            if (aws != null) {
                aws.close();
            }
            throw e;
        }
    }

    private List<ScanRequest.Target> targets(List<Path> selectedSnapshots, Consumer<String> warnings) {
        List<Path> snapshots = new ArrayList<>(settings.snapshots());
        selectedSnapshots.stream().filter(file -> !snapshots.contains(file)).forEach(snapshots::add);
        if (!selectedSnapshots.isEmpty() && settings.hasTargets()) {
            throw new PlumbConfigurationException("selected snapshot files scan offline and cannot be combined "
                    + "with " + PlumbEngineKeys.ACCOUNTS + ", " + PlumbEngineKeys.ACCOUNTS_FILE + " or "
                    + PlumbEngineKeys.ORG + ": choose one way to pick accounts.");
        }
        if (settings.iac()) {
            settings.validateIac(snapshots.size());
            List<String> iacWarnings = new ArrayList<>();
            ScanRequest.Target target = IacTarget.of(settings, () -> !snapshots.isEmpty()
                    ? snapshotTargets(snapshots).get(0) : settings.live() ? callerTarget() : null,
                    partitionOf(settings.region()), iacWarnings);
            iacWarnings.forEach(warnings);
            return List.of(target);
        }
        if (!snapshots.isEmpty()) {
            return snapshotTargets(snapshots);
        }
        if (!settings.hasTargets()) {
            return List.of(callerTarget());
        }
        secrets.add(settings.externalId());
        List<String> listed = settings.listedAccounts();
        connect();
        String partition = partitionOf(settings.region());
        List<String> ids = settings.organization() ? organizationAccounts() : listed;
        return ids.stream().map(id -> ScanRequest.Target.assumeRole(id, partition,
                new Account(id, partition).roleArn(settings.roleName()), settings.externalId())).toList();
    }

    /** Opens the scan's connection and checks who its credentials belong to. */
    private CallerIdentity connect() {
        aws = new AwsConnection(settings.region(), settings.profile(), settings.endpoint(),
                Duration.ofSeconds(settings.callTimeout()), interceptors);
        secrets.addAll(aws.callerCredentialValues());
        return Preflight.callerIdentity(aws, settings.profile(), settings.region(), settings.endpoint(),
                settings.names());
    }

    private ScanRequest.Target callerTarget() {
        CallerIdentity identity = connect();
        return ScanRequest.Target.caller(identity.accountId(), identity.partition());
    }

    /** Reads each snapshot once, into the files the engine then scans. */
    private List<ScanRequest.Target> snapshotTargets(List<Path> snapshots) {
        Map<String, ScanRequest.Target> byAccount = new LinkedHashMap<>();
        for (Path file : snapshots) {
            try {
                Account account = files.read(file).account(file);
                ScanRequest.Target clash = byAccount.put(account.id(),
                        ScanRequest.Target.snapshot(account.id(), account.partition(), file.toString()));
                if (clash != null) {
                    throw new PlumbConfigurationException("snapshots " + clash.snapshot() + " and " + file
                            + " are both of account " + account.id() + ": pass one snapshot per account.");
                }
            } catch (SnapshotException e) {
                throw new PlumbConfigurationException(e.getMessage());
            }
        }
        return List.copyOf(byAccount.values());
    }

    private List<String> organizationAccounts() {
        OptionNames names = settings.names();
        try {
            OrganizationAccounts organization = new OrganizationAccounts(aws);
            List<String> ids = organization.activeAccountIds();
            organizationId = organization.organizationId().orElse(null);
            if (ids.isEmpty()) {
                throw new PlumbConfigurationException("the AWS Organization has no ACTIVE account to scan.");
            }
            return ids;
        } catch (OrganizationAccounts.OrganizationsException e) {
            throw new PlumbConfigurationException("cannot list the accounts of the AWS Organization: "
                    + e.getMessage() + ". " + names.of(PlumbEngineKeys.ORG) + " needs the management account or a "
                    + "delegated administrator allowed organizations:ListAccounts; or name the accounts with "
                    + names.of(PlumbEngineKeys.ACCOUNTS_FILE) + ".");
        }
    }

    static String partitionOf(String region) {
        return Preflight.partitionOf(region);
    }
}
