package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.FaultProxy;
import dev.plumb.testing.IamFixtures;
import dev.plumb.testing.JUnitXml;
import dev.plumb.testing.MotoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Faults between the SDK and a compliant moto account, injected into iam:ListEntitiesForPolicy.
 * Whatever happens the outcome is PASS (after retries) or an ERROR naming the cause; never FAIL,
 * and the JUnit XML is always complete and consistent.
 */
class FaultInjectionTest {

    private static final String CALL = "iam:ListEntitiesForPolicy";

    private static final MotoServer MOTO = MotoServer.shared();

    @TempDir
    Path reports;

    @BeforeAll
    static void compliantAccount() {
        MOTO.reset();
        try (IamClient iam = MOTO.iam("us-east-1")) {
            new IamFixtures(iam, "aws").supportRole("aws-support");
        }
    }

    static Stream<Arguments> recovered() {
        return Stream.of(
                Arguments.of(Named.of("two Throttling errors", FaultProxy.throttling()), 2),
                Arguments.of(Named.of("two HTTP 500", FaultProxy.status(500)), 2),
                Arguments.of(Named.of("one HTTP 503", FaultProxy.status(503)), 1),
                Arguments.of(Named.of("one dropped connection", FaultProxy.dropConnection()), 1));
    }

    @ParameterizedTest(name = "{0} then success: PASS")
    @MethodSource("recovered")
    void transientFaultsAreRetried(FaultProxy.Fault fault, int times) {
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint()).inject(CALL, times, fault)) {
            Cli result = scan(proxy, 30);

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.junit().only().outcome()).isEqualTo("PASS");
            assertThat(proxy.operations()).filteredOn(CALL::equals).hasSize(times + 1);
        }
    }

    static Stream<Arguments> unrecoverable() {
        return Stream.of(
                Arguments.of(Named.of("throttled on every attempt", FaultProxy.throttling()), 30, "Throttling"),
                Arguments.of(Named.of("HTTP 503 on every attempt", FaultProxy.status(503)), 30, "503"),
                Arguments.of(Named.of("connection dropped on every attempt", FaultProxy.dropConnection()), 30,
                        "ClientError"),
                Arguments.of(Named.of("a response that never arrives", FaultProxy.noAnswerFor(Duration.ofSeconds(20))),
                        3, "Timeout"),
                Arguments.of(Named.of("a truncated response body", FaultProxy.truncatedBody()), 30,
                        "UnexpectedResponse"),
                Arguments.of(Named.of("malformed XML", FaultProxy.malformedBody()), 30, "UnexpectedResponse"),
                Arguments.of(Named.of("expired credentials", FaultProxy.awsError(403, "ExpiredToken",
                        "The security token included in the request is expired")), 30, "ExpiredToken"),
                Arguments.of(Named.of("AccessDenied", FaultProxy.awsError(403, "AccessDenied",
                        "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: "
                                + "iam:ListEntitiesForPolicy on resource: policy "
                                + "arn:aws:iam::aws:policy/AWSSupportAccess")), 30, "AccessDenied"));
    }

    @ParameterizedTest(name = "{0}: ERROR naming {2}, never FAIL")
    @MethodSource("unrecoverable")
    void persistentFaultsAreErrorsThatNameTheCause(FaultProxy.Fault fault, int callTimeout, String cause) {
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint()).inject(CALL, FaultProxy.ALWAYS, fault)) {
            Cli result = scan(proxy, callTimeout);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            JUnitXml report = result.junit();
            assertThat(report.failures()).isZero();
            assertThat(report.errors()).isEqualTo(1);
            assertThat(report.only().message()).contains(cause).contains("iam:ListEntitiesForPolicy")
                    .contains(MotoServer.DEFAULT_ACCOUNT);
            assertThat(result.out()).contains("ERROR " + MotoServer.DEFAULT_ACCOUNT);
        }
    }

    static Stream<Arguments> notTheOperationsResult() {
        return Stream.of(
                Arguments.of(Named.of("an empty body", FaultProxy.emptyOk()), "empty body"),
                Arguments.of(Named.of("an HTML page", FaultProxy.htmlPage()), "not well-formed XML"),
                Arguments.of(Named.of("<Unexpected><Shape/></Unexpected>", FaultProxy.unexpectedXml()),
                        "<Unexpected>"),
                Arguments.of(Named.of("the answer of iam:ListRoles", FaultProxy.otherOperationsAnswer()),
                        "<ListRolesResponse>"),
                Arguments.of(Named.of("an empty <ListEntitiesForPolicyResponse/>", FaultProxy.emptyResponseElement()),
                        "no <ListEntitiesForPolicyResult>"));
    }

    @ParameterizedTest(name = "HTTP 200 with {0}: ERROR, never FAIL, not retried")
    @MethodSource("notTheOperationsResult")
    void anAnswerThatIsNotTheOperationsOwnResultIsAnError(FaultProxy.Fault fault, String problem) {
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint()).inject(CALL, FaultProxy.ALWAYS, fault)) {
            Cli result = scan(proxy, 30);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            JUnitXml report = result.junit();
            assertThat(report.failures()).isZero();
            assertThat(report.errors()).isEqualTo(1);
            assertThat(report.only().message()).contains("UnexpectedResponse").contains(CALL)
                    .contains("is not the result of " + CALL).contains(problem)
                    .contains(MotoServer.DEFAULT_ACCOUNT);
            assertThat(result.out()).contains("ERROR " + MotoServer.DEFAULT_ACCOUNT);
            assertThat(proxy.operations()).filteredOn(CALL::equals).hasSize(1);
        }
    }

    @ParameterizedTest(name = "sts:GetCallerIdentity answering {0}: one line, exit 3")
    @MethodSource("callerIdentityAnswers")
    void aCallerIdentityOfAnUnexpectedShapeIsOneLineAndExitThree(FaultProxy.Fault fault, String problem) {
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint()).inject("sts:GetCallerIdentity", FaultProxy.ALWAYS,
                fault)) {
            Cli result = scan(proxy, 30);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
            assertThat(result.err().strip()).as(result.toString()).doesNotContain("\n")
                    .contains("sts:GetCallerIdentity").contains(problem).doesNotContain("unexpected error");
            assertThat(proxy.operations()).doesNotContain(CALL);
        }
    }

    static Stream<Arguments> callerIdentityAnswers() {
        return Stream.of(
                Arguments.of(Named.of("a result without Account and Arn", FaultProxy.ok("text/xml",
                        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                                + "<GetCallerIdentityResult><UserId>x</UserId></GetCallerIdentityResult>"
                                + "</GetCallerIdentityResponse>")), "no valid Arn"),
                Arguments.of(Named.of("an HTML page", FaultProxy.htmlPage()), "not well-formed XML"));
    }

    @Test
    void anOrganizationListingThatIsNotTheOperationsResultIsOneLineAndExitThree() {
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint()).inject("organizations:ListAccounts",
                FaultProxy.ALWAYS, FaultProxy.ok("application/x-amz-json-1.1", "{\"Unexpected\": []}"))) {
            Cli result = Cli.run(reports, "scan", "--endpoint-url", proxy.endpoint(), "--region", "us-east-1",
                    "--org", "--role-name", "PlumbAudit", "--quiet");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
            assertThat(result.err().strip()).as(result.toString()).doesNotContain("\n")
                    .contains("organizations:ListAccounts").contains("is not the result of")
                    .doesNotContain("no ACTIVE account");
            assertThat(proxy.operations()).filteredOn("organizations:ListAccounts"::equals).hasSize(1);
        }
    }

    private Cli scan(FaultProxy proxy, int callTimeout) {
        return Cli.run(reports, "scan", "--endpoint-url", proxy.endpoint(), "--region", "us-east-1",
                "--call-timeout", Integer.toString(callTimeout), "--quiet");
    }
}
