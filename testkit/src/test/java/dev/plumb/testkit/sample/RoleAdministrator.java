package dev.plumb.testkit.sample;

import dev.plumb.api.Finding;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;

/** A rule of the kind plugin authors write: one finding per role, one AWS call per role. */
@RuleInfo(id = "sample_role_administrator", title = "No IAM role has AdministratorAccess", severity = Severity.HIGH,
        tags = "iam")
final class RoleAdministrator implements Rule {

    private final IamClient iam;

    @Inject
    RoleAdministrator(IamClient iam) {
        this.iam = iam;
    }

    @Override
    public void evaluate(Findings findings) {
        findings.judgeEach(iam.listRoles(request -> request.maxItems(1000)).roles(), Role::arn, role -> {
            boolean admin = iam.listAttachedRolePolicies(request -> request.roleName(role.roleName()))
                    .attachedPolicies().stream().map(AttachedPolicy::policyName).anyMatch("AdministratorAccess"::equals);
            return admin ? Finding.fail(role.arn(), "Role " + role.roleName() + " has AdministratorAccess.")
                    .with("policy", "AdministratorAccess")
                    : Finding.pass(role.arn(), "Role " + role.roleName() + " is not an administrator.");
        });
    }
}
