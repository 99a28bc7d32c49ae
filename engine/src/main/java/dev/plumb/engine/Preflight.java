package dev.plumb.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plumb.api.AwsErrors;
import dev.plumb.api.UnexpectedResponseException;
import dev.plumb.engine.aws.AwsConnection;
import dev.plumb.engine.aws.CallerIdentity;
import java.net.URI;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * Checks of the region, the endpoint and the caller's credentials before a live
 * scan or snapshot starts; every failure is one clear line ({@link PlumbConfigurationException}).
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class Preflight {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    private Preflight() {
    }

    /** A region the SDK knows (us-isob-east-1, eusc-de-east-1), or one shaped like a region code. */
    public static void checkRegion(String region) {
        if (!Region.regions().stream().anyMatch(known -> known.id().equals(region))
                && !REGION.matcher(region).matches()) {
            throw new PlumbConfigurationException("invalid region '" + region + "': expected a region code such as "
                    + "us-east-1, cn-north-1 or us-gov-west-1.");
        }
    }

    /** An http(s) URL with a host, or null for none. */
    public static void checkEndpoint(String endpoint, OptionNames names) {
        if (endpoint == null) {
            return;
        }
        try {
            URI uri = URI.create(endpoint);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new PlumbConfigurationException("invalid " + names.of(PlumbEngineKeys.ENDPOINT_URL) + " '" + endpoint
                    + "': expected an http(s) URL such as http://127.0.0.1:5000.");
        }
    }

    /**
     * The partition a region belongs to, from the SDK's partition metadata: the region's own, else
     * the partition whose region pattern it matches (cn-... is aws-cn), else aws.
     */
    public static String partitionOf(String region) {
        return PartitionMetadata.of(Region.of(region)).id();
    }

    /** A named profile must exist in the shared config or credentials file. */
    private static void checkProfile(String profile, OptionNames names) {
        if (profile == null) {
            return;
        }
        boolean known;
        try {
            known = ProfileFile.defaultProfileFile().profile(profile).isPresent();
        } catch (RuntimeException unreadable) {
            throw new PlumbConfigurationException("cannot read the AWS config files for profile '" + profile + "': "
                    + unreadable.getMessage());
        }
        if (!known) {
            throw new PlumbConfigurationException("AWS profile '" + profile + "' is not in the AWS config or credentials file. "
                    + "Check " + names.of(PlumbEngineKeys.PROFILE) + " / AWS_PROFILE, or create it with 'aws configure --profile " + profile + "'.");
        }
    }

    private static PlumbConfigurationException unexpected(UnexpectedResponseException e, String endpoint, String region,
            OptionNames names) {
        return new PlumbConfigurationException("sts:GetCallerIdentity " + (endpoint == null ? "in region " + region : "at " + endpoint)
                + " did not answer as AWS does: " + e.getMessage() + ". Check " + names.of(PlumbEngineKeys.ENDPOINT_URL)
                + ", " + names.of(PlumbEngineKeys.REGION) + " and any proxy.");
    }

    /**
     * Who the credentials belong to, checked before any command talks to AWS for real: a named
     * profile that does not exist, no credentials, an unreachable endpoint and rejected credentials
     * are each one clear line.
     */
    public static CallerIdentity callerIdentity(AwsConnection connection, String profile, String region,
            String endpoint, OptionNames names) {
        checkProfile(profile, names);
        try {
            return connection.callerIdentity();
        } catch (UnexpectedResponseException e) {
            throw unexpected(e, endpoint, region, names);
        } catch (SdkClientException e) {
            if (e.getCause() instanceof UnexpectedResponseException unexpected) {
                throw unexpected(unexpected, endpoint, region, names);
            }
            String text = String.valueOf(e.getMessage());
            if (text.contains("Unable to load credentials") || text.contains("Unable to load an HTTP")
                    && text.contains("credentials")) {
                throw new PlumbConfigurationException("no AWS credentials found. Provide them with AWS_ACCESS_KEY_ID and "
                        + "AWS_SECRET_ACCESS_KEY, a profile (" + names.of(PlumbEngineKeys.PROFILE) + " or AWS_PROFILE), "
                        + "'aws sso login', or an instance or container role; or scan offline with "
                        + names.with(PlumbEngineKeys.SNAPSHOTS, "FILE") + ".");
            }
            throw new PlumbConfigurationException("cannot reach AWS STS" + (endpoint == null ? " in region " + region
                    : " at " + endpoint) + ": " + AwsErrors.describe(e)
                    + ". Check the network, " + names.of(PlumbEngineKeys.REGION) + " and "
                    + names.of(PlumbEngineKeys.ENDPOINT_URL) + ".");
        } catch (AwsServiceException e) {
            throw new PlumbConfigurationException("AWS rejected the credentials in sts:GetCallerIdentity: " + AwsErrors.describe(e)
                    + ". Refresh or replace them (for SSO: 'aws sso login') and try again.");
        }
    }
}
