package dev.plumb.cli;

import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/** How to reach AWS; shared by every command that talks to AWS. */
final class AwsOptions {

    static final String DEFAULT_REGION = "us-east-1";
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Named profile of the shared AWS config and credentials files (default: AWS_PROFILE, "
                    + "else the standard chain: environment, default profile, SSO, container and instance roles).")
    String profile;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region of the AWS clients; it decides the partition: cn-north-1 scans aws-cn, "
                    + "us-gov-west-1 aws-us-gov (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, "
                    + "else " + DEFAULT_REGION + ").")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call to this endpoint, for example moto or LocalStack on "
                    + "http://127.0.0.1:5000.")
    String endpointUrl;

    String resolvedRegion(Map<String, String> environment) {
        String chosen = region;
        if (chosen == null) {
            chosen = environment.get("AWS_REGION");
        }
        if (chosen == null) {
            chosen = environment.get("AWS_DEFAULT_REGION");
        }
        if (chosen == null) {
            chosen = profileRegion(environment);
        }
        if (chosen == null || chosen.isBlank()) {
            chosen = DEFAULT_REGION;
        }
        chosen = chosen.strip();
        if (!isRegion(chosen)) {
            throw new UsageException("invalid region '" + chosen + "': expected a region code such as us-east-1, "
                    + "cn-north-1 or us-gov-west-1.");
        }
        return chosen;
    }

    String resolvedProfile(Map<String, String> environment) {
        return profile != null ? profile : environment.get("AWS_PROFILE");
    }

    String endpoint() {
        if (endpointUrl == null) {
            return null;
        }
        try {
            URI uri = URI.create(endpointUrl);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return endpointUrl;
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid --endpoint-url '" + endpointUrl
                    + "': expected an http(s) URL such as http://127.0.0.1:5000.");
        }
    }

    /** A region the SDK knows (us-isob-east-1, eusc-de-east-1), or one shaped like a region code. */
    static boolean isRegion(String region) {
        return Region.regions().stream().anyMatch(known -> known.id().equals(region)) || REGION.matcher(region).matches();
    }

    /**
     * The partition a region belongs to, from the SDK's partition metadata: the region's own, else
     * the partition whose region pattern it matches (cn-... is aws-cn), else aws.
     */
    static String partitionOf(String region) {
        return PartitionMetadata.of(Region.of(region)).id();
    }

    private String profileRegion(Map<String, String> environment) {
        try {
            String name = resolvedProfile(environment);
            return ProfileFile.defaultProfileFile().profile(name == null ? "default" : name)
                    .flatMap(p -> p.property(ProfileProperty.REGION)).orElse(null);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
