package dev.plumb.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plumb.api.AwsErrors;
import dev.plumb.api.UnexpectedResponseException;
import dev.plumb.testing.FaultProxy;
import dev.plumb.testing.MotoServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;

/** What counts as an operation's own result, and the real SDK clients refusing what does not. */
class ResponseCheckTest {

    private static final MotoServer MOTO = MotoServer.shared();

    @Test
    void queryProtocolAnswersMustBeTheOperationsResponseHoldingItsResult() {
        assertThat(xml("<ListRolesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListRolesResult>"
                + "<Roles/></ListRolesResult></ListRolesResponse>", true)).isNull();
        assertThat(xml("", true)).isEqualTo("it has an empty body");
        assertThat(xml("<html><head><meta charset=\"utf-8\"></head></html>", true)).startsWith("it is not well-formed XML");
        assertThat(xml("<Unexpected><Shape/></Unexpected>", true))
                .isEqualTo("its root element is <Unexpected>, expected <ListRolesResponse>");
        assertThat(xml("<ListRolesResponse/>", true)).isEqualTo("<ListRolesResponse> holds no <ListRolesResult>");
        assertThat(xml("<ListRolesResponse><X><ListRolesResult/></X></ListRolesResponse>", true))
                .as("the result must be a child of the root").isEqualTo("<ListRolesResponse> holds no <ListRolesResult>");
        assertThat(xml("<ListRolesResponse><ResponseMetadata/></ListRolesResponse>", false))
                .as("an operation without output members").isNull();
    }

    @Test
    void jsonProtocolAnswersMustBeAnObject() {
        assertThat(ResponseCheck.jsonProblem(bytes("{\"Accounts\": []}"), true)).isNull();
        assertThat(ResponseCheck.jsonProblem(bytes(""), true)).isEqualTo("it has an empty body");
        assertThat(ResponseCheck.jsonProblem(bytes(""), false)).isNull();
        assertThat(ResponseCheck.jsonProblem(bytes("[]"), true)).isEqualTo("it is JSON but not an object");
        assertThat(ResponseCheck.jsonProblem(bytes("<html/>"), true)).startsWith("it is not valid JSON");
    }

    @Test
    void theClientsOfAConnectionRefuseAnotherOperationsAnswerOnceWithoutRetrying() {
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint()).inject("iam:ListRoles", FaultProxy.ALWAYS,
                FaultProxy.emptyResponseElement());
                AwsConnection aws = new AwsConnection("us-east-1", null, proxy.endpoint(), Duration.ofSeconds(30),
                        List.of());
                IamClient iam = aws.build(IamClient.builder(), MotoServer.testCredentials())) {
            assertThatThrownBy(iam::listRoles).isInstanceOf(UnexpectedResponseException.class)
                    .hasMessageContaining("is not the result of iam:ListRoles")
                    .satisfies(e -> assertThat(AwsErrors.code((SdkException) e)).isEqualTo("UnexpectedResponse"));
            assertThat(proxy.operations()).filteredOn("iam:ListRoles"::equals).hasSize(1);
        }
    }

    @Test
    void realAnswersPassIncludingThoseOfOperationsWithoutOutput() {
        try (AwsConnection aws = new AwsConnection("us-east-1", null, MOTO.endpoint(), Duration.ofSeconds(30), List.of());
                IamClient iam = aws.build(IamClient.builder(), MotoServer.testCredentials())) {
            iam.createRole(r -> r.roleName("response-check").assumeRolePolicyDocument("{}"));
            iam.tagRole(r -> r.roleName("response-check").tags(t -> t.key("k").value("v")));
            assertThat(iam.listRoles().roles()).extracting(role -> role.roleName()).contains("response-check");
            iam.deleteRole(r -> r.roleName("response-check"));
        }
    }

    private static String xml(String body, boolean resultRequired) {
        return ResponseCheck.xmlProblem(bytes(body), "ListRoles", resultRequired);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
