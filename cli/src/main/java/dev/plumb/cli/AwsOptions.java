package dev.plumb.cli;

import dev.plumb.engine.PlumbConfigurationException;
import dev.plumb.engine.Preflight;
import java.util.Map;
import picocli.CommandLine.Option;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/** How to reach AWS; shared by every command that talks to AWS. */
final class AwsOptions {

    static final String DEFAULT_REGION = "us-east-1";

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
        try {
            Preflight.checkRegion(chosen);
        } catch (PlumbConfigurationException e) {
            throw new UsageException(e.getMessage());
        }
        return chosen;
    }

    String resolvedProfile(Map<String, String> environment) {
        return profile != null ? profile : environment.get("AWS_PROFILE");
    }

    String endpoint() {
        try {
            Preflight.checkEndpoint(endpointUrl, OptionKeys.NAMES);
        } catch (PlumbConfigurationException e) {
            throw new UsageException(e.getMessage());
        }
        return endpointUrl;
    }

    /** The partition a region belongs to. */
    static String partitionOf(String region) {
        return Preflight.partitionOf(region);
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
