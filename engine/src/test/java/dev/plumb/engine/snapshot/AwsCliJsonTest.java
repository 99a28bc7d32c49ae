package dev.plumb.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.RoleDetail;

/** The JSON of SDK objects as the AWS CLI prints it; the full shape is checked against the CLI itself elsewhere. */
class AwsCliJsonTest {

    @Test
    void timestampsKeepTheirPrecisionAsTheServiceSentIt() {
        assertThat(AwsCliJson.timestamp(Instant.parse("2025-03-14T09:26:53Z"))).isEqualTo("2025-03-14T09:26:53Z");
        assertThat(AwsCliJson.timestamp(Instant.parse("2025-03-14T09:26:53.216000Z")))
                .isEqualTo("2025-03-14T09:26:53.216000Z");
        assertThat(AwsCliJson.timestamp(Instant.parse("2025-03-14T09:26:53.000001Z")))
                .isEqualTo("2025-03-14T09:26:53.000001Z");
    }

    @Test
    void policyDocumentsAreDecodedLikeTheAwsCliDoesAndAPlusStaysAPlus() {
        String document = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"arn:aws:s3:::a+b c\"}]}";
        RoleDetail role = RoleDetail.builder().roleName("r").createDate(Instant.parse("2025-03-14T09:26:53Z"))
                .assumeRolePolicyDocument(URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20").replace("%2B", "+"))
                .rolePolicyList(PolicyDetail.builder().policyName("p").policyDocument("not%20json").build())
                .build();

        JsonNode json = AwsCliJson.of(role);

        assertThat(json.get("AssumeRolePolicyDocument").at("/Statement/0/Resource").asText())
                .isEqualTo("arn:aws:s3:::a+b c");
        assertThat(json.at("/RolePolicyList/0/PolicyDocument").asText()).isEqualTo("not%20json");
        assertThat(json.get("CreateDate").asText()).isEqualTo("2025-03-14T09:26:53Z");
        assertThat(json.has("Tags")).as("a list the service did not send is left out").isFalse();
        assertThat(json.has("Path")).isFalse();
    }
}
