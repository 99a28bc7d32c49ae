package dev.plumb.cli;

import dev.plumb.api.AwsErrors;
import dev.plumb.engine.Preflight;
import dev.plumb.engine.aws.AwsConnection;
import dev.plumb.engine.aws.CallerIdentity;
import dev.plumb.engine.snapshot.SnapshotCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

@Command(
        name = "snapshot",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Captures the IAM authorization details of the account of the current AWS credentials",
            "(iam:GetAccountAuthorizationDetails, every page) into FILE, in the JSON that",
            "'aws iam get-account-authorization-details --output json' prints. Scan it anywhere,",
            "offline, with 'plumb scan --snapshot FILE'.",
            "",
            "Examples:",
            "  plumb snapshot --output prod.json --profile audit",
            "  plumb snapshot --output cn.json --region cn-north-1"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the snapshot was written",
            "2:AWS failed during the capture (throttled after retries, service error, timeout, an answer "
                    + "that is not the operation's result); no file written",
            "3:bad usage or input: no credentials, access denied, unreachable endpoint, FILE not writable, "
                    + "a capture without any entity that would replace FILE (see --allow-empty)"})
final class SnapshotCommand implements Callable<Integer> {

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "File to write the snapshot to; it is replaced only once the capture is complete.")
    Path output;

    @Option(names = "--allow-empty",
            description = "Replace an existing FILE even with a capture that holds no user, group, role or customer "
                    + "managed policy (without it, such a capture is refused: it looks like a broken answer).")
    boolean allowEmpty;

    @Option(names = "--call-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Time one AWS API call may take, retries included (default: ${DEFAULT-VALUE}).")
    int callTimeout;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr; the result line still goes to stdout.")
    boolean quiet;

    @Option(names = "--debug", description = "Stack traces for errors.")
    boolean debug;

    private final Console console;

    SnapshotCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Map<String, String> environment = System.getenv();
        String region = aws.resolvedRegion(environment);
        String profile = aws.resolvedProfile(environment);
        String endpoint = aws.endpoint();
        if (callTimeout < 1) {
            throw new UsageException("--call-timeout must be at least 1 second.");
        }
        if (Files.isDirectory(output)) {
            throw new UsageException("--output " + output + " is a directory: give the file to write the snapshot to.");
        }
        try (AwsConnection connection = new AwsConnection(region, profile, endpoint, Duration.ofSeconds(callTimeout),
                List.of())) {
            console.secrets().addAll(connection.callerCredentialValues());
            CallerIdentity identity = Preflight.callerIdentity(connection, profile, region, endpoint,
                    OptionKeys.NAMES);
            if (!quiet) {
                console.problem("capturing the IAM authorization details of account " + identity.accountId()
                        + " (partition " + identity.partition() + ")");
            }
            SnapshotCapture capture;
            try {
                capture = SnapshotCapture.of(connection.callerIam());
            } catch (AwsServiceException e) {
                if (AwsErrors.isAccessDenied(e)) {
                    throw new UsageException("AWS denied " + SnapshotCapture.PERMISSION + " to " + identity.arn() + ": "
                            + AwsErrors.describe(e) + ". Grant " + SnapshotCapture.PERMISSION
                            + " to this identity (the AWS managed policy SecurityAudit has it) and try again.");
                }
                return captureFailed(e);
            } catch (SdkException e) {
                return captureFailed(e);
            }
            if (!capture.namesAccount() && Files.exists(output) && !allowEmpty) {
                throw new UsageException("the capture of account " + identity.accountId() + " holds no user, group, role"
                        + " or customer managed policy, so it does not replace " + output + " (an answer that lost the"
                        + " account's entities looks the same). Check the account, or pass --allow-empty to replace"
                        + " the file anyway.");
            }
            write(capture);
            console.out().println("Snapshot of account " + identity.accountId() + " (" + identity.partition() + "): "
                    + ScanCommand.plural(capture.users().size(), "user") + ", "
                    + ScanCommand.plural(capture.groups().size(), "group") + ", "
                    + ScanCommand.plural(capture.roles().size(), "role") + ", "
                    + capture.policies().size() + (capture.policies().size() == 1 ? " managed policy" : " managed policies")
                    + " written to " + output);
            if (!capture.namesAccount()) {
                console.problem("warning: the account has no user, group, role or customer managed policy, so"
                        + " 'plumb scan --snapshot " + output + "' cannot tell which account it is.");
            }
            return ExitCodes.OK;
        }
    }

    private void write(SnapshotCapture capture) {
        try {
            capture.writeTo(output);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("cannot write the snapshot to " + output + ": " + e
                    + ". Choose another --output file.");
        }
    }

    private int captureFailed(SdkException e) {
        console.problem("the capture failed calling " + SnapshotCapture.PERMISSION + ": " + AwsErrors.describe(e)
                + ". No snapshot was written; try again later" + (debug ? "." : " or with --debug for details."));
        if (debug) {
            e.printStackTrace(console.err());
        }
        return ExitCodes.ERROR;
    }
}
