package dev.plumb.cli;

import dev.plumb.api.Account;
import dev.plumb.engine.AccountsFile;
import dev.plumb.engine.AwsConnection;
import dev.plumb.engine.OrganizationAccounts;
import dev.plumb.engine.ScanRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns the target options into the accounts to scan, each reached by assuming {@code --role-name}.
 * Every mistake is found before the scan and reported in one line (exit code 3).
 */
final class TargetResolver {

    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}(/[\\w+=,.@-]{1,64})*");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    private final TargetOptions options;
    private String organizationId;

    TargetResolver(TargetOptions options) {
        this.options = options;
    }

    /** Checks the options alone, before anything is read or called. */
    void validate(boolean offline) {
        if (options.parallelism < 1 || options.parallelism > TargetOptions.MAX_PARALLELISM) {
            throw new UsageException("--parallelism must be between 1 and " + TargetOptions.MAX_PARALLELISM
                    + ", not " + options.parallelism + ".");
        }
        if (offline && (options.hasTargets() || options.roleName != null || options.externalId != null)) {
            throw new UsageException("--snapshot scans offline files and cannot be combined with --accounts, "
                    + "--accounts-file, --org, --role-name or --external-id: choose one way to pick accounts.");
        }
        if (options.organization && (!options.accounts.isEmpty() || options.accountsFile != null)) {
            throw new UsageException("--org scans every account of the organization and cannot be combined with "
                    + "--accounts or --accounts-file: choose one.");
        }
        if (options.hasTargets() && options.roleName == null) {
            throw new UsageException("--accounts, --accounts-file and --org need --role-name NAME: the role Plumb "
                    + "assumes in each account (for example OrganizationAccountAccessRole or a read-only audit role).");
        }
        if (!options.hasTargets() && (options.roleName != null || options.externalId != null)) {
            throw new UsageException("--role-name and --external-id need targets: add --accounts ID,..., "
                    + "--accounts-file FILE or --org.");
        }
        if (options.roleName != null && !ROLE_NAME.matcher(options.roleName).matches()) {
            throw new UsageException("--role-name '" + options.roleName + "' is not an IAM role name (letters, "
                    + "digits and +=,.@_- up to 64 characters, optionally after a path such as audit/).");
        }
        if (options.externalId != null && !EXTERNAL_ID.matcher(options.externalId).matches()) {
            throw new UsageException("--external-id is not valid: 2 to 1224 letters, digits or +=,.@:/-_.");
        }
        for (String id : options.accounts) {
            if (!Account.isAccountId(id.strip())) {
                throw new UsageException("--accounts: '" + id + "' is not an AWS account id (12 digits).");
            }
        }
    }

    /** The ids named on the command line or in the accounts file, read now; empty for --org. */
    List<String> listedAccounts() {
        TreeSet<String> ids = new TreeSet<>();
        options.accounts.forEach(id -> ids.add(id.strip()));
        if (options.accountsFile != null) {
            ids.addAll(AccountsFile.read(options.accountsFile, "--accounts-file"));
        }
        return List.copyOf(ids);
    }

    /**
     * Every target, each assuming the role in its account: the listed ids, or with --org the
     * organization's ACTIVE accounts.
     */
    List<ScanRequest.Target> resolve(AwsConnection connection, String partition, List<String> listed) {
        List<String> ids = options.organization ? organizationAccounts(connection) : listed;
        return ids.stream().map(id -> ScanRequest.Target.assumeRole(id, partition,
                new Account(id, partition).roleArn(options.roleName), options.externalId)).toList();
    }

    /** With --org, after {@link #resolve}: the organization's id from its account ARNs, if they name it. */
    java.util.Optional<String> organizationId() {
        return java.util.Optional.ofNullable(organizationId);
    }

    private List<String> organizationAccounts(AwsConnection connection) {
        try {
            OrganizationAccounts organization = new OrganizationAccounts(connection);
            List<String> ids = organization.activeAccountIds();
            organizationId = organization.organizationId().orElse(null);
            if (ids.isEmpty()) {
                throw new UsageException("the AWS Organization has no ACTIVE account to scan.");
            }
            return ids;
        } catch (OrganizationAccounts.OrganizationsException e) {
            throw new UsageException("cannot list the accounts of the AWS Organization: " + e.getMessage()
                    + ". --org needs the management account or a delegated administrator allowed "
                    + "organizations:ListAccounts; or name the accounts with --accounts-file.");
        }
    }

}
