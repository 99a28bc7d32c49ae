package dev.plumb.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which accounts a scan reaches through an assumed role, and how many it scans at once. */
final class TargetOptions {

    /**
     * Accounts scanned at once. IAM and STS throttle per account: a target account sees one call at a
     * time (its rules run one after another), so the bound protects the scanning account's STS quota
     * (AssumeRole) and this machine's threads and connections. 16 keeps a scan of thousands of
     * accounts at a few dozen STS calls per second, far below the quota.
     */
    static final int DEFAULT_PARALLELISM = 16;
    static final int MAX_PARALLELISM = 256;

    @Option(names = "--accounts", paramLabel = "ID", split = ",",
            description = "Scan these accounts (comma separated 12-digit ids) through the role --role-name.")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--accounts-file", paramLabel = "FILE",
            description = "Scan the accounts listed in FILE: one 12-digit id per line; '#' starts a comment.")
    Path accountsFile;

    @Option(names = "--org",
            description = "Scan every ACTIVE account of the caller's AWS Organization (organizations:ListAccounts).")
    boolean organization;

    @Option(names = "--role-name", paramLabel = "NAME",
            description = "Role to assume in each target account: arn:<partition>:iam::<id>:role/NAME, the "
                    + "partition from --region. Required with --accounts, --accounts-file and --org.")
    String roleName;

    @Option(names = "--external-id", paramLabel = "ID",
            description = "External id to pass when assuming --role-name.")
    String externalId;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "" + DEFAULT_PARALLELISM,
            description = "Accounts scanned at once, 1 to " + MAX_PARALLELISM + " (default: ${DEFAULT-VALUE}).")
    int parallelism;

    boolean hasTargets() {
        return !accounts.isEmpty() || accountsFile != null || organization;
    }
}
