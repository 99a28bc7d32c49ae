package dev.plumb.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plumb.testing.FaultProxy;
import dev.plumb.testing.MotoServer;
import dev.plumb.testing.OrganizationFixtures;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * organizations:ListAccounts through the SDK's Organizations client (a client version older than
 * the SDK core of the build) against moto: paging, retries, the response check and the endpoint
 * of each partition.
 */
class OrganizationAccountsTest {

    private static final String LIST_ACCOUNTS = "organizations:ListAccounts";
    private static final MotoServer MOTO = MotoServer.shared();

    @Test
    void readsEveryPageAndKeepsOnlyActiveAccounts() {
        OrganizationFixtures organization = freshOrganization();
        String member = organization.createAccount("member");
        organization.closeAccount(organization.createAccount("closed"));
        List<String> active = List.of(MotoServer.DEFAULT_ACCOUNT, member);

        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint());
                AwsConnection aws = connection("us-east-1", proxy.endpoint())) {
            OrganizationAccounts accounts = new OrganizationAccounts(aws, 1);

            assertThat(accounts.activeAccountIds()).containsExactlyElementsOf(active.stream().sorted().toList());
            assertThat(accounts.organizationId()).hasValueSatisfying(id -> assertThat(id).matches("o-[a-z0-9]{10,32}"));
            assertThat(proxy.operations()).filteredOn(LIST_ACCOUNTS::equals).as("3 accounts in pages of 1")
                    .hasSize(3);
        }
    }

    @Test
    void throttlingAndServerErrorsAreRetried() {
        freshOrganization();
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint())
                .inject(LIST_ACCOUNTS, 2, jsonError(400, "TooManyRequestsException", "Rate exceeded"))
                .inject(LIST_ACCOUNTS, 1, FaultProxy.status(503));
                AwsConnection aws = connection("us-east-1", proxy.endpoint())) {

            assertThat(new OrganizationAccounts(aws).activeAccountIds()).containsExactly(MotoServer.DEFAULT_ACCOUNT);
            assertThat(proxy.operations()).filteredOn(LIST_ACCOUNTS::equals).hasSize(4);
        }
    }

    @Test
    void persistentThrottlingIsOneLineNamingTheAttempts() {
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint()).inject(LIST_ACCOUNTS, FaultProxy.ALWAYS,
                jsonError(400, "TooManyRequestsException", "Rate exceeded"));
                AwsConnection aws = connection("us-east-1", proxy.endpoint())) {

            assertThatThrownBy(() -> new OrganizationAccounts(aws).activeAccountIds())
                    .isInstanceOf(OrganizationAccounts.OrganizationsException.class)
                    .hasMessage("TooManyRequestsException (HTTP 400): Rate exceeded (throttled)"
                            + " (still failing after 5 attempts)");
            assertThat(proxy.operations()).filteredOn(LIST_ACCOUNTS::equals).hasSize(5);
        }
    }

    @Test
    void aConnectionDroppedOnEveryAttemptIsOneLineNamingTheAttempts() {
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint()).inject(LIST_ACCOUNTS, FaultProxy.ALWAYS,
                FaultProxy.dropConnection());
                AwsConnection aws = connection("us-east-1", proxy.endpoint())) {

            assertThatThrownBy(() -> new OrganizationAccounts(aws).activeAccountIds())
                    .isInstanceOf(OrganizationAccounts.OrganizationsException.class)
                    .hasMessageStartingWith("ClientError: ").hasMessageEndingWith("(still failing after 5 attempts)")
                    .hasMessageNotContaining("\n");
            assertThat(proxy.operations()).filteredOn(LIST_ACCOUNTS::equals).hasSize(5);
        }
    }

    @Test
    void aDeniedCallIsOneLineAndNotRetried() {
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint()).inject(LIST_ACCOUNTS, FaultProxy.ALWAYS,
                jsonError(400, "AccessDeniedException", "You don't have permissions to access this resource."));
                AwsConnection aws = connection("us-east-1", proxy.endpoint())) {

            assertThatThrownBy(() -> new OrganizationAccounts(aws).activeAccountIds())
                    .isInstanceOf(OrganizationAccounts.OrganizationsException.class)
                    .hasMessage("AccessDeniedException (HTTP 400): You don't have permissions to access this resource.");
            assertThat(proxy.operations()).filteredOn(LIST_ACCOUNTS::equals).hasSize(1);
        }
    }

    @ParameterizedTest(name = "HTTP 200 with {0}: not the result of ListAccounts, not retried")
    @CsvSource(delimiter = '|', value = {
            "<html><body>Sign in</body></html>|text/html|it is not valid JSON",
            "[1, 2]|application/x-amz-json-1.1|it is JSON but not an object",
            "{\"Unexpected\": []}|application/x-amz-json-1.1|it holds no Accounts list"})
    void anAnswerThatIsNotTheResultIsOneLine(String body, String contentType, String problem) {
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint()).inject(LIST_ACCOUNTS, FaultProxy.ALWAYS,
                FaultProxy.ok(contentType, body));
                AwsConnection aws = connection("us-east-1", proxy.endpoint())) {

            assertThatThrownBy(() -> new OrganizationAccounts(aws).activeAccountIds())
                    .isInstanceOf(OrganizationAccounts.OrganizationsException.class)
                    .hasMessageStartingWith("the HTTP 200 answer (Content-Type " + contentType + ") is not the result of "
                            + LIST_ACCOUNTS + ": " + problem)
                    .hasMessageNotContaining("\n").hasMessageNotContaining("SDK Attempt Count");
            assertThat(proxy.operations()).filteredOn(LIST_ACCOUNTS::equals).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}: {1}, signed for {2}")
    @CsvSource({
            "us-east-1,     https://organizations.us-east-1.amazonaws.com,       us-east-1",
            "eu-west-3,     https://organizations.us-east-1.amazonaws.com,       us-east-1",
            "cn-north-1,    https://organizations.cn-northwest-1.amazonaws.com.cn, cn-northwest-1",
            "cn-northwest-1, https://organizations.cn-northwest-1.amazonaws.com.cn, cn-northwest-1",
            "us-gov-east-1, https://organizations.us-gov-west-1.amazonaws.com,   us-gov-west-1",
            "us-gov-west-1, https://organizations.us-gov-west-1.amazonaws.com,   us-gov-west-1",
            "us-isob-east-1, https://organizations.us-isob-east-1.sc2s.sgov.gov, us-isob-east-1"})
    void eachPartitionHasItsOwnEndpointAndSigningRegion(String region, String endpoint, String signingRegion) {
        List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();
        ExecutionInterceptor stopBeforeSending = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                sent.add(context.httpRequest());
                throw new IllegalStateException("not sent");
            }
        };
        try (AwsConnection aws = new AwsConnection(region, null, null, Duration.ofSeconds(10),
                List.of(stopBeforeSending))) {
            assertThatThrownBy(() -> new OrganizationAccounts(aws).activeAccountIds()).hasMessage("not sent");
        }

        assertThat(sent).isNotEmpty();
        SdkHttpRequest request = sent.get(0);
        assertThat(request.protocol() + "://" + request.host()).isEqualTo(endpoint);
        assertThat(request.firstMatchingHeader("Authorization")).hasValueSatisfying(authorization -> assertThat(
                authorization).contains("/" + signingRegion + "/organizations/aws4_request"));
        assertThat(request.firstMatchingHeader("X-Amz-Target")).hasValue("AWSOrganizationsV20161128.ListAccounts");
    }

    private static OrganizationFixtures freshOrganization() {
        MOTO.reset();
        return new OrganizationFixtures(MOTO.endpoint()).createOrganization();
    }

    private static AwsConnection connection(String region, String endpoint) {
        return new AwsConnection(region, null, endpoint, Duration.ofSeconds(30), List.of());
    }

    private static FaultProxy.Fault jsonError(int status, String type, String message) {
        return (call, exchange, real) -> {
            byte[] body = ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }
}
