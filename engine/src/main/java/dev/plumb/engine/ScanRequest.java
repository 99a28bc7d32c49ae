package dev.plumb.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plumb.api.Account;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What one scan does: which accounts, how to reach them, which rules. The engine plans it from the
 * configuration parameters of {@link PlumbEngineKeys} (the command line through {@link PlannedScan});
 * the rule test kit builds one itself and hands it to the engine's constructor.
 *
 * <p>Internal: not API; may change without notice.
 *
 * @param targets             accounts to scan, in any order; reports are sorted by account id
 * @param region              region of the AWS clients; it decides the partition
 * @param profile             named profile of the shared AWS config, or null for the default chain
 * @param endpoint            endpoint that receives every AWS call (moto, LocalStack), or null
 * @param ruleIds             rules to run; empty means every rule of the catalog
 * @param parallelism         accounts scanned at once
 * @param ruleTimeoutSeconds  time one rule may take in one account before it is reported as ERROR
 * @param callTimeoutSeconds  time one AWS API call may take, retries included
 * @param debug               keep stack traces in error findings
 * @param suppressions        FAILs to report as SUPPRESSED; the first matching entry wins
 * @param accountTimeoutSeconds time one account may take, assuming its role and all its rules; 0 for no
 *                            limit beyond the rule timeout
 */
@API(status = INTERNAL)
public record ScanRequest(
        List<Target> targets,
        String region,
        String profile,
        String endpoint,
        List<String> ruleIds,
        int parallelism,
        int ruleTimeoutSeconds,
        int callTimeoutSeconds,
        boolean debug,
        List<Suppression> suppressions,
        int accountTimeoutSeconds) {

    public ScanRequest {
        targets = List.copyOf(targets);
        ruleIds = List.copyOf(ruleIds);
        suppressions = suppressions == null ? List.of() : List.copyOf(suppressions);
        Objects.requireNonNull(region, "region");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        if (ruleTimeoutSeconds < 1 || callTimeoutSeconds < 1 || accountTimeoutSeconds < 0) {
            throw new IllegalArgumentException("timeouts must be at least one second");
        }
    }

    /** A scan without suppressions and without an account time limit. */
    public ScanRequest(List<Target> targets, String region, String profile, String endpoint, List<String> ruleIds,
            int parallelism, int ruleTimeoutSeconds, int callTimeoutSeconds, boolean debug) {
        this(targets, region, profile, endpoint, ruleIds, parallelism, ruleTimeoutSeconds, callTimeoutSeconds, debug,
                List.of(), 0);
    }

    /** A copy that applies these suppressions. */
    public ScanRequest withSuppressions(List<Suppression> entries) {
        return new ScanRequest(targets, region, profile, endpoint, ruleIds, parallelism, ruleTimeoutSeconds,
                callTimeoutSeconds, debug, entries, accountTimeoutSeconds);
    }

    /** The first suppression that mutes a FAIL of this rule, account and resource. */
    java.util.Optional<Suppression> suppressionFor(String ruleId, String accountId, String resource) {
        return suppressions.stream().filter(s -> s.matches(ruleId, accountId, resource)).findFirst();
    }

    /**
     * One account to scan.
     *
     * @param accountId  the 12-digit id
     * @param partition  its partition
     * @param roleArn    role to assume in it, or null to use the caller's own credentials
     * @param externalId external id for the assume-role call, or null
     * @param snapshot   offline snapshot file that stands in for the account's IAM API, or null
     * @param iac        Terraform plans and CloudFormation templates whose changes the account is judged
     *                   with (over the snapshot, the live account, or nothing), or null
     */
    public record Target(String accountId, String partition, String roleArn, String externalId, String snapshot,
            dev.plumb.engine.iac.IacInput iac) {

        public Target {
            new Account(accountId, partition);
        }

        public Target(String accountId, String partition, String roleArn, String externalId, String snapshot) {
            this(accountId, partition, roleArn, externalId, snapshot, null);
        }

        /** This target judged with the changes of these plans and templates. */
        public Target withIac(dev.plumb.engine.iac.IacInput changes) {
            return new Target(accountId, partition, roleArn, externalId, snapshot, changes);
        }

        /** An account that holds only what these plans and templates create. */
        public static Target planned(String accountId, String partition, dev.plumb.engine.iac.IacInput changes) {
            return new Target(accountId, partition, null, null, null, Objects.requireNonNull(changes));
        }

        public static Target caller(String accountId, String partition) {
            return new Target(accountId, partition, null, null, null);
        }

        public static Target assumeRole(String accountId, String partition, String roleArn, String externalId) {
            return new Target(accountId, partition, Objects.requireNonNull(roleArn), externalId, null);
        }

        public static Target snapshot(String accountId, String partition, String snapshotFile) {
            return new Target(accountId, partition, null, null, Objects.requireNonNull(snapshotFile));
        }

        Account account() {
            return new Account(accountId, partition);
        }

        @Override
        public String toString() {
            return "Target[" + accountId + ", " + partition + (roleArn == null ? "" : ", " + roleArn)
                    + (snapshot == null ? "" : ", " + snapshot) + (iac == null ? "" : ", " + iac.sources()) + "]";
        }
    }

    @Override
    public String toString() {
        return "ScanRequest[" + targets + ", region=" + region + ", rules=" + ruleIds + "]";
    }
}
