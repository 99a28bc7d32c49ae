package dev.plumb.cli;

import dev.plumb.api.AwsErrors;
import dev.plumb.api.UnexpectedResponseException;
import dev.plumb.engine.AwsConnection;
import dev.plumb.engine.CallerIdentity;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;

/** Checks that the caller's credentials work before a live scan starts; every failure is one clear line. */
final class Preflight {

    private Preflight() {
    }

    /** A named profile must exist in the shared config or credentials file. */
    private static void checkProfile(String profile) {
        if (profile == null) {
            return;
        }
        boolean known;
        try {
            known = ProfileFile.defaultProfileFile().profile(profile).isPresent();
        } catch (RuntimeException unreadable) {
            throw new UsageException("cannot read the AWS config files for profile '" + profile + "': "
                    + unreadable.getMessage());
        }
        if (!known) {
            throw new UsageException("AWS profile '" + profile + "' is not in the AWS config or credentials file. "
                    + "Check --profile / AWS_PROFILE, or create it with 'aws configure --profile " + profile + "'.");
        }
    }

    private static UsageException unexpected(UnexpectedResponseException e, String endpoint, String region) {
        return new UsageException("sts:GetCallerIdentity " + (endpoint == null ? "in region " + region : "at " + endpoint)
                + " did not answer as AWS does: " + e.getMessage() + ". Check --endpoint-url, --region and any proxy.");
    }

    /**
     * Who the credentials belong to, checked before any command talks to AWS for real: a named
     * profile that does not exist, no credentials, an unreachable endpoint and rejected credentials
     * are each one clear line.
     */
    static CallerIdentity callerIdentity(AwsConnection connection, String profile, String region, String endpoint) {
        checkProfile(profile);
        try {
            return connection.callerIdentity();
        } catch (UnexpectedResponseException e) {
            throw unexpected(e, endpoint, region);
        } catch (SdkClientException e) {
            if (e.getCause() instanceof UnexpectedResponseException unexpected) {
                throw unexpected(unexpected, endpoint, region);
            }
            String text = String.valueOf(e.getMessage());
            if (text.contains("Unable to load credentials") || text.contains("Unable to load an HTTP")
                    && text.contains("credentials")) {
                throw new UsageException("no AWS credentials found. Provide them with AWS_ACCESS_KEY_ID and "
                        + "AWS_SECRET_ACCESS_KEY, a profile (--profile or AWS_PROFILE), 'aws sso login', or an "
                        + "instance or container role; or scan offline with --snapshot FILE.");
            }
            throw new UsageException("cannot reach AWS STS" + (endpoint == null ? " in region " + region
                    : " at " + endpoint) + ": " + AwsErrors.describe(e)
                    + ". Check the network, --region and --endpoint-url.");
        } catch (AwsServiceException e) {
            throw new UsageException("AWS rejected the credentials in sts:GetCallerIdentity: " + AwsErrors.describe(e)
                    + ". Refresh or replace them (for SSO: 'aws sso login') and try again.");
        }
    }
}
