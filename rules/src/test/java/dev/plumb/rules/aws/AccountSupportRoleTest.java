package dev.plumb.rules.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.api.Account;
import dev.plumb.api.Finding;
import dev.plumb.api.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyGroup;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyUser;

class AccountSupportRoleTest {

    private static final Account ACCOUNT = new Account("111122223333", "aws");

    @Test
    void passesAndNamesTheRoleWhenARoleHasThePolicy() {
        StubIam iam = new StubIam().page(page(false, roles("support")));

        Finding finding = evaluate(iam, ACCOUNT);

        assertThat(finding.outcome()).isEqualTo(Outcome.PASS);
        assertThat(finding.resource()).isEqualTo("arn:aws:iam::111122223333:root");
        assertThat(finding.message()).contains("111122223333").contains("role support");
        assertThat(finding.evidence()).containsEntry("roles", "support");
    }

    @Test
    void asksForTheManagedPolicyByExactArnWithTheLargestPage() {
        StubIam iam = new StubIam().page(page(false, roles("support")));

        evaluate(iam, ACCOUNT);

        assertThat(iam.requests).hasSize(1);
        assertThat(iam.requests.get(0).policyArn()).isEqualTo("arn:aws:iam::aws:policy/AWSSupportAccess");
        assertThat(iam.requests.get(0).maxItems()).isEqualTo(1000);
    }

    @Test
    void usesThePartitionOfTheAccountNeverAHardCodedOne() {
        StubIam china = new StubIam().page(page(false, roles("support")));
        StubIam govCloud = new StubIam().page(page(false, roles("support")));

        Finding chinaFinding = evaluate(china, new Account("111122223333", "aws-cn"));
        evaluate(govCloud, new Account("111122223333", "aws-us-gov"));

        assertThat(china.requests.get(0).policyArn()).isEqualTo("arn:aws-cn:iam::aws:policy/AWSSupportAccess");
        assertThat(govCloud.requests.get(0).policyArn()).isEqualTo("arn:aws-us-gov:iam::aws:policy/AWSSupportAccess");
        assertThat(chinaFinding.resource()).isEqualTo("arn:aws-cn:iam::111122223333:root");
    }

    @Test
    void followsEmptyTruncatedPagesUntilARoleShowsUp() {
        StubIam iam = new StubIam()
                .page(page(true, List.of()).toBuilder().marker("m1").build())
                .page(page(true, List.of()).toBuilder().marker("m2").build())
                .page(page(false, roles("late-support")));

        Finding finding = evaluate(iam, ACCOUNT);

        assertThat(finding.outcome()).isEqualTo(Outcome.PASS);
        assertThat(iam.requests).extracting(r -> r.marker()).containsExactly(null, "m1", "m2");
    }

    @Test
    void stopsAtTheFirstPageThatProvesTheAnswer() {
        StubIam iam = new StubIam()
                .page(page(true, roles("a")).toBuilder().marker("m1").build())
                .page(page(false, roles("b")));

        Finding finding = evaluate(iam, ACCOUNT);

        assertThat(finding.outcome()).isEqualTo(Outcome.PASS);
        assertThat(iam.requests).hasSize(1);
        assertThat(finding.message()).contains("roles a and more");
    }

    @Test
    void namesAFewRolesThenACount() {
        StubIam iam = new StubIam().page(page(false, roles("r1", "r2", "r3", "r4", "r5")));

        Finding finding = evaluate(iam, ACCOUNT);

        assertThat(finding.message()).contains("roles r1, r2, r3 and 2 more");
        assertThat(finding.evidence()).containsEntry("roleCount", "5");
    }

    @Test
    void failsAndNamesUsersAndGroupsWhenNoRoleHasThePolicy() {
        StubIam iam = new StubIam()
                .page(page(true, List.of()).toBuilder().marker("m1")
                        .policyUsers(PolicyUser.builder().userName("alice").build()).build())
                .page(page(false, List.of()).toBuilder()
                        .policyGroups(PolicyGroup.builder().groupName("oncall").build()).build());

        Finding finding = evaluate(iam, ACCOUNT);

        assertThat(finding.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding.message()).contains("111122223333").contains("attached only to user alice and group oncall");
        assertThat(finding.evidence()).containsEntry("users", "alice").containsEntry("groups", "oncall");
    }

    @Test
    void failsWhenThePolicyIsAttachedToNothing() {
        StubIam iam = new StubIam().page(page(false, List.of()));

        Finding finding = evaluate(iam, ACCOUNT);

        assertThat(finding.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(finding.message()).contains("Account 111122223333").contains("attached to no role, user or group");
    }

    @Test
    void accessDeniedIsAnErrorNamingThePermissionNeverAFail() {
        StubIam iam = new StubIam().failWith(serviceError(403, "AccessDenied",
                "User: arn:aws:iam::111122223333:user/ci is not authorized to perform: iam:ListEntitiesForPolicy"));

        Finding finding = evaluate(iam, ACCOUNT);

        assertThat(finding.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finding.message()).contains("AccessDenied").contains("iam:ListEntitiesForPolicy")
                .contains("111122223333");
    }

    @Test
    void accessDeniedWithoutAnErrorCodeIsStillRecognisedFromTheStatus() {
        StubIam iam = new StubIam().failWith(serviceError(403, null, "not authorized"));

        Finding finding = evaluate(iam, ACCOUNT);

        assertThat(finding.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finding.message()).contains("AccessDenied").contains("iam:ListEntitiesForPolicy");
    }

    @Test
    void aPolicyMissingFromThePartitionIsAnError() {
        StubIam iam = new StubIam().failWith((RuntimeException) NoSuchEntityException.builder().statusCode(404)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchEntity")
                        .errorMessage("Policy arn:aws-cn:iam::aws:policy/AWSSupportAccess does not exist").build())
                .build());

        Finding finding = evaluate(iam, new Account("111122223333", "aws-cn"));

        assertThat(finding.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finding.message()).contains("NoSuchEntity").contains("does not exist in partition aws-cn");
    }

    @Test
    void throttlingAfterRetriesIsAnError() {
        StubIam iam = new StubIam().failWith(serviceError(400, "Throttling", "Rate exceeded"));

        Finding finding = evaluate(iam, ACCOUNT);

        assertThat(finding.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finding.message()).contains("Throttling").contains("iam:ListEntitiesForPolicy");
    }

    @Test
    void aNetworkFailureIsAnError() {
        StubIam iam = new StubIam().failWith(SdkClientException.create("Unable to execute HTTP request: Connection refused"));

        Finding finding = evaluate(iam, ACCOUNT);

        assertThat(finding.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finding.message()).contains("Connection refused").contains("iam:ListEntitiesForPolicy");
    }

    @Test
    void anErrorOnALaterPageIsStillAnErrorNotAFail() {
        StubIam iam = new StubIam()
                .page(page(true, List.of()).toBuilder().marker("m1").build())
                .failWith(serviceError(503, "ServiceUnavailable", "try later"));

        Finding finding = evaluate(iam, ACCOUNT);

        assertThat(finding.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void aThousandEntitiesNeedOnlyOneCall() {
        List<PolicyRole> many = IntStream.range(0, 1000)
                .mapToObj(i -> PolicyRole.builder().roleName("role-" + i).build()).toList();
        StubIam iam = new StubIam().page(ListEntitiesForPolicyResponse.builder().policyRoles(many).isTruncated(false).build());

        Finding finding = evaluate(iam, ACCOUNT);

        assertThat(finding.outcome()).isEqualTo(Outcome.PASS);
        assertThat(iam.requests).hasSize(1);
        assertThat(finding.message()).contains("and 997 more");
    }

    private static Finding evaluate(StubIam iam, Account account) {
        List<Finding> findings = new ArrayList<>();
        new AccountSupportRole(iam, account).evaluate(findings::add);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    private static ListEntitiesForPolicyResponse page(boolean truncated, List<PolicyRole> roles) {
        return ListEntitiesForPolicyResponse.builder().policyRoles(roles).isTruncated(truncated).build();
    }

    private static List<PolicyRole> roles(String... names) {
        return List.of(names).stream().map(name -> PolicyRole.builder().roleName(name).build()).toList();
    }

    private static RuntimeException serviceError(int status, String code, String message) {
        return IamException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .message(message).build();
    }
}
