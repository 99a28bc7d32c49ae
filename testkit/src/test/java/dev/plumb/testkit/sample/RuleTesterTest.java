package dev.plumb.testkit.sample;

import static dev.plumb.testkit.RuleResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plumb.api.Outcome;
import dev.plumb.testing.MotoServer;
import dev.plumb.testkit.RuleResult;
import dev.plumb.testkit.RuleTester;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolesRequest;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.Role;

/** The rule test kit, as a plugin author uses it: each run goes through the real engine. */
class RuleTesterTest {

    private static final String ADMIN = "arn:aws:iam::123456789012:role/admin";
    private static final String READER = "arn:aws:iam::123456789012:role/reader";

    @Test
    void againstMotoTheRuleJudgesWhatTheAccountHolds() {
        MotoServer moto = MotoServer.shared();
        moto.reset();
        try (IamClient iam = moto.client(IamClient.builder())) {
            for (String name : List.of("admin", "reader")) {
                iam.createRole(request -> request.roleName(name).assumeRolePolicyDocument("{}"));
            }
            iam.attachRolePolicy(request -> request.roleName("admin")
                    .policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        }

        RuleResult result = RuleTester.forRule(RoleAdministrator.class).againstMoto();

        assertThat(result).hasResources(ADMIN, READER).hasCount(Outcome.FAIL, 1).hasCount(Outcome.PASS, 1)
                .hasFinding(ADMIN).withOutcome(Outcome.FAIL).withMessageContaining("has AdministratorAccess")
                .withEvidence("policy", "AdministratorAccess")
                .and().hasFinding(READER).withOutcome(Outcome.PASS);
    }

    @Test
    void againstASnapshotTheRuleJudgesTheSnapshotsAccount() throws URISyntaxException {
        Path snapshot = Path.of(RuleTesterTest.class.getResource("admin-role.json").toURI());

        RuleResult result = RuleTester.forRule(RoleAdministrator.class).againstSnapshot(snapshot);

        assertThat(result).hasResources("arn:aws:iam::210987654321:role/admin", "arn:aws:iam::210987654321:role/reader")
                .hasFinding("arn:aws:iam::210987654321:role/admin").withOutcome(Outcome.FAIL);
    }

    @Test
    void aStubIamClientStandsInForTheAccountsOwnAndADeniedRoleIsAnErrorOnThatRoleAlone() {
        RuleResult result = RuleTester.forRule(RoleAdministrator.class)
                .withClient(IamClient.class, new DenyingIam("admin")).againstStubs();

        assertThat(result).hasResources(ADMIN, READER)
                .hasFinding(ADMIN).withOutcome(Outcome.ERROR).withMessageContaining("AccessDenied (HTTP 403)")
                .and().hasFinding(READER).withOutcome(Outcome.PASS);
    }

    @Test
    void aStubOfAClientThePackBindsReplacesThePacksBinding() {
        RuleTester tester = RuleTester.forRule(InventoryNames.class);

        assertThat(tester.againstStubs()).hasResources("arn:sample:bound-by-the-pack");
        assertThat(tester.withClient(InventoryNames.Inventory.class, () -> List.of("arn:sample:stub")).againstStubs())
                .hasResources("arn:sample:stub");
    }

    @Test
    void aRuleThatThrowsIsAnErrorOfTheAccountAsInAScan() {
        IamClient broken = new DenyingIam("admin") {
            @Override
            public ListRolesResponse listRoles(ListRolesRequest request) {
                throw new IllegalStateException("bug in the rule");
            }
        };

        RuleResult result = RuleTester.forRule(RoleAdministrator.class).withClient(IamClient.class, broken)
                .againstStubs();

        assertThat(result).hasCount(Outcome.ERROR, 1).hasAccountFinding().withOutcome(Outcome.ERROR)
                .withMessageContaining("could not evaluate account 123456789012")
                .withMessageContaining("bug in the rule");
    }

    @Test
    void aRuleGuiceCannotBuildIsAnErrorOfTheAccountSayingSo() {
        assertThat(RuleTester.forRule(NeedsUnboundClient.class).againstStubs()).hasAccountFinding()
                .withOutcome(Outcome.ERROR).withMessageContaining("could not be created");
    }

    @Test
    void againstStubsACallOfAClientWithoutStubFailsNamingTheCall() {
        assertThat(RuleTester.forRule(RoleAdministrator.class).againstStubs()).hasAccountFinding()
                .withOutcome(Outcome.ERROR).withMessageContaining("Iam ListRoles, which no stub answers");
    }

    @Test
    void aRuleNoPackListsIsRefused() {
        assertThatThrownBy(() -> RuleTester.forRule(BrokenPacks.BadId.class))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no rule pack on the class path lists");
    }

    @Test
    void theAssertionsFailNamingWhatTheRuleReported() {
        RuleResult result = RuleTester.forRule(RoleAdministrator.class)
                .withClient(IamClient.class, new DenyingIam("nobody")).againstStubs();

        assertThatThrownBy(() -> assertThat(result).hasFinding("arn:aws:iam::123456789012:role/ghost"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected one finding on arn:aws:iam::123456789012:role/ghost but found 0")
                .hasMessageContaining("PASS " + ADMIN);
        assertThatThrownBy(() -> assertThat(result).hasFinding(ADMIN).withOutcome(Outcome.FAIL))
                .isInstanceOf(AssertionError.class).hasMessageContaining("to be FAIL but it is PASS");
        assertThatThrownBy(() -> assertThat(result).hasCount(Outcome.PASS, 1))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expected 1 PASS findings but found 2");
    }

    /** Two roles; reading the policies of one of them is denied. */
    private static class DenyingIam implements IamClient {

        private final String denied;

        DenyingIam(String denied) {
            this.denied = denied;
        }

        @Override
        public ListRolesResponse listRoles(ListRolesRequest request) {
            return ListRolesResponse.builder().roles(role("admin"), role("reader")).build();
        }

        @Override
        public ListAttachedRolePoliciesResponse listAttachedRolePolicies(ListAttachedRolePoliciesRequest request) {
            if (request.roleName().equals(denied)) {
                throw IamException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("AccessDenied").errorMessage("not authorized").build()).build();
            }
            return ListAttachedRolePoliciesResponse.builder().build();
        }

        private static Role role(String name) {
            return Role.builder().roleName(name).arn("arn:aws:iam::123456789012:role/" + name).build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }
}
