package dev.plumb.testplugins.load;

import dev.plumb.api.Account;
import dev.plumb.api.Finding;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;

/** 15 PASS, 10 FAIL with evidence. */
@RuleInfo(id = "load_role_mfa", title = "Roles that people assume require MFA", severity = Severity.MEDIUM,
        tags = {"iam"}, compliance = {"LOAD:2"})
final class RoleMfa implements Rule {

    private final Account account;

    @Inject
    RoleMfa(Account account) {
        this.account = account;
    }

    @Override
    public void evaluate(Findings findings) {
        for (int i = 0; i < LoadRules.RESOURCES; i++) {
            String role = "team-" + i;
            String arn = account.roleArn(role);
            if (i % 25 < 15) {
                findings.pass(arn, "Role " + role + " requires aws:MultiFactorAuthPresent.");
            } else {
                findings.report(Finding.fail(arn, "Role " + role + " in account " + account.id()
                        + " can be assumed without MFA: add the condition aws:MultiFactorAuthPresent.")
                        .with("principal", "arn:" + account.partition() + ":iam::" + account.id() + ":root")
                        .with("condition", "none"));
            }
        }
    }
}
