package dev.plumb.engine;

import dev.plumb.api.Account;
import dev.plumb.api.AwsErrors;
import dev.plumb.api.UnexpectedResponseException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * Turns the {@link ScanSettings} (and the snapshot files selected by the discovery request) into
 * the {@link ScanRequest} of one scan: snapshot accounts, assume-role targets, the organization's
 * accounts, or the caller's own account. Live targets are found with one {@link AwsConnection},
 * which the scan then goes on using.
 */
final class ScanPlanner {

    private ScanPlanner() {
    }

    /** The planned scan and the connection it runs with (null when it reads only snapshots). */
    record Plan(ScanRequest request, AwsConnection aws) {
    }

    static Plan plan(ScanSettings settings, List<Path> selectedSnapshots, RuleCatalog catalog, SnapshotFiles files,
            Secrets secrets, List<ExecutionInterceptor> interceptors) {
        List<String> ruleIds = settings.ruleIds(catalog);
        List<Suppression> suppressions = List.of();
        if (settings.suppressions() != null) {
            suppressions = SuppressionFile.read(settings.suppressions(), LocalDate.now(ZoneOffset.UTC)).active();
        }
        List<Path> snapshots = new java.util.ArrayList<>(settings.snapshots());
        selectedSnapshots.stream().filter(file -> !snapshots.contains(file)).forEach(snapshots::add);
        AwsConnection aws = null;
        List<ScanRequest.Target> targets;
        if (!snapshots.isEmpty()) {
            if (settings.hasTargets()) {
                throw new PlumbConfigurationException("selected snapshot files scan offline and cannot be combined "
                        + "with " + PlumbEngineKeys.ACCOUNTS + ", " + PlumbEngineKeys.ACCOUNTS_FILE + " or "
                        + PlumbEngineKeys.ORG + ": choose one way to pick accounts.");
            }
            targets = snapshotTargets(snapshots, files);
        } else {
            List<String> listed = settings.listedAccounts();
            secrets.add(settings.externalId());
            aws = new AwsConnection(settings.region(), settings.profile(), settings.endpoint(),
                    Duration.ofSeconds(settings.callTimeout()), interceptors);
            try {
                secrets.addAll(aws.callerCredentialValues());
                CallerIdentity caller = callerIdentity(aws, settings);
                String partition = partitionOf(settings.region());
                if (!settings.hasTargets()) {
                    targets = List.of(ScanRequest.Target.caller(caller.accountId(), caller.partition()));
                } else {
                    List<String> ids = settings.organization() ? organizationAccounts(aws, partition) : listed;
                    targets = ids.stream().map(id -> ScanRequest.Target.assumeRole(id, partition,
                            new Account(id, partition).roleArn(settings.roleName()), settings.externalId())).toList();
                }
            } catch (RuntimeException e) {
                aws.close();
                throw e;
            }
        }
        ScanRequest request = new ScanRequest(targets, settings.region(), settings.profile(), settings.endpoint(),
                ruleIds, settings.parallelism(), settings.ruleTimeout(), settings.callTimeout(), settings.debug(),
                suppressions, settings.accountTimeout());
        return new Plan(request, aws);
    }

    private static List<ScanRequest.Target> snapshotTargets(List<Path> snapshots, SnapshotFiles files) {
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

    private static CallerIdentity callerIdentity(AwsConnection aws, ScanSettings settings) {
        String where = settings.endpoint() == null ? "in region " + settings.region() : "at " + settings.endpoint();
        try {
            return aws.callerIdentity();
        } catch (UnexpectedResponseException e) {
            throw new PlumbConfigurationException("sts:GetCallerIdentity " + where + " did not answer as AWS does: "
                    + e.getMessage() + ". Check " + PlumbEngineKeys.ENDPOINT_URL + " and " + PlumbEngineKeys.REGION
                    + ".");
        } catch (SdkException e) {
            throw new PlumbConfigurationException("cannot read the caller identity with sts:GetCallerIdentity "
                    + where + ": " + AwsErrors.describe(e) + ". Check the AWS credentials, " + PlumbEngineKeys.PROFILE
                    + ", " + PlumbEngineKeys.REGION + " and " + PlumbEngineKeys.ENDPOINT_URL + ".");
        }
    }

    private static List<String> organizationAccounts(AwsConnection aws, String partition) {
        try {
            List<String> ids = new OrganizationAccounts(aws).activeAccountIds();
            if (ids.isEmpty()) {
                throw new PlumbConfigurationException("the AWS Organization has no ACTIVE account to scan.");
            }
            return ids;
        } catch (OrganizationAccounts.OrganizationsException e) {
            throw new PlumbConfigurationException("cannot list the accounts of the AWS Organization: "
                    + e.getMessage() + ". " + PlumbEngineKeys.ORG + " needs the management account or a delegated "
                    + "administrator allowed organizations:ListAccounts; or name the accounts with "
                    + PlumbEngineKeys.ACCOUNTS_FILE + ".");
        }
    }

    static String partitionOf(String region) {
        return software.amazon.awssdk.regions.PartitionMetadata.of(Region.of(region)).id();
    }
}
