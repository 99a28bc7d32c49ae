package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The region of a scan and the partition it decides, from the SDK's partition metadata. */
class AwsOptionsTest {

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({
            "us-east-1, aws",
            "eu-west-3, aws",
            "cn-north-1, aws-cn",
            "us-gov-west-1, aws-us-gov",
            "us-isob-east-1, aws-iso-b",
            "us-iso-east-1, aws-iso",
            "eusc-de-east-1, aws-eusc",
            // regions the SDK does not know yet: the partition whose region pattern they match
            "cn-south-7, aws-cn",
            "us-gov-north-9, aws-us-gov",
            "ap-future-9, aws"})
    void theRegionDecidesThePartition(String region, String partition) {
        assertThat(AwsOptions.partitionOf(region)).isEqualTo(partition);
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-isob-east-1", "eusc-de-east-1", "cn-south-7"})
    void regionsTheSdkKnowsOrThatLookLikeRegionsAreAccepted(String region) {
        AwsOptions options = new AwsOptions();
        options.region = region;

        assertThat(options.resolvedRegion(Map.of())).isEqualTo(region);
    }

    @ParameterizedTest
    @ValueSource(strings = {"moon-base-1a", "useast1", "US-EAST-1", "us-east"})
    void anythingElseIsTheOneLineInvalidRegionError(String region) {
        AwsOptions options = new AwsOptions();
        options.region = region;

        assertThatThrownBy(() -> options.resolvedRegion(Map.of())).isInstanceOf(UsageException.class)
                .hasMessage("invalid region '" + region + "': expected a region code such as us-east-1, "
                        + "cn-north-1 or us-gov-west-1.");
    }
}
