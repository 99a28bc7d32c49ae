package dev.plumb.rules.aws;

import dev.plumb.api.Account;
import dev.plumb.api.AwsErrors;
import dev.plumb.api.Finding;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.PolicyGroup;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyUser;

@RuleInfo(
        id = "account_supportrole",
        title = "An IAM role has the AWS managed policy AWSSupportAccess",
        severity = Severity.LOW,
        tags = {"iam", "incident-response", "support"},
        compliance = {"CIS-AWS-1.4:1.17", "CIS-AWS-3.0:1.17", "AWS-SecurityHub:IAM.18"})
final class AccountSupportRole implements Rule {

    static final String POLICY_NAME = "AWSSupportAccess";
    static final String PERMISSION = "iam:ListEntitiesForPolicy";
    static final int PAGE_SIZE = 1000;
    private static final int NAMES_SHOWN = 3;

    private final IamClient iam;
    private final Account account;

    @Inject
    AccountSupportRole(IamClient iam, Account account) {
        this.iam = iam;
        this.account = account;
    }

    @Override
    public void evaluate(Findings findings) {
        String policyArn = account.awsManagedPolicyArn(POLICY_NAME);
        String resource = account.rootArn();
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        try {
            for (ListEntitiesForPolicyResponse page : iam.listEntitiesForPolicyPaginator(
                    request -> request.policyArn(policyArn).maxItems(PAGE_SIZE))) {
                List<String> roles = page.policyRoles().stream().map(PolicyRole::roleName).toList();
                if (!roles.isEmpty()) {
                    findings.report(passed(resource, policyArn, roles, Boolean.TRUE.equals(page.isTruncated())));
                    return;
                }
                page.policyUsers().stream().map(PolicyUser::userName).forEach(users::add);
                page.policyGroups().stream().map(PolicyGroup::groupName).forEach(groups::add);
            }
        } catch (SdkException e) {
            findings.report(Finding.error(resource, couldNotDecide(policyArn, e)).with("policy", policyArn));
            return;
        }
        findings.report(failed(resource, policyArn, users, groups));
    }

    private Finding passed(String resource, String policyArn, List<String> roles, boolean morePages) {
        String who = roles.size() == 1 && !morePages ? "role " + roles.get(0) : "roles " + names(roles, morePages);
        return Finding.pass(resource, "Account " + account.id() + " has a support role: " + POLICY_NAME
                        + " (" + policyArn + ") is attached to " + who + ".")
                .with("policy", policyArn)
                .with("roles", String.join(", ", roles))
                .with("roleCount", roles.size() + (morePages ? "+" : ""));
    }

    private Finding failed(String resource, String policyArn, List<String> users, List<String> groups) {
        StringBuilder message = new StringBuilder("Account ").append(account.id())
                .append(" has no IAM role with the AWS managed policy ").append(POLICY_NAME)
                .append(" (").append(policyArn).append(")");
        if (users.isEmpty() && groups.isEmpty()) {
            message.append("; it is attached to no role, user or group.");
        } else {
            message.append("; it is attached only to ");
            List<String> holders = new ArrayList<>();
            if (!users.isEmpty()) {
                holders.add((users.size() == 1 ? "user " : "users ") + names(users, false));
            }
            if (!groups.isEmpty()) {
                holders.add((groups.size() == 1 ? "group " : "groups ") + names(groups, false));
            }
            message.append(String.join(" and ", holders)).append('.');
        }
        message.append(" Create a role that your support staff can assume and attach ")
                .append(POLICY_NAME).append(" to it.");
        Finding finding = Finding.fail(resource, message.toString()).with("policy", policyArn);
        if (!users.isEmpty()) {
            finding = finding.with("users", String.join(", ", users));
        }
        if (!groups.isEmpty()) {
            finding = finding.with("groups", String.join(", ", groups));
        }
        return finding;
    }

    private String couldNotDecide(String policyArn, SdkException e) {
        String prefix = "Could not check account " + account.id() + " for a support role: ";
        String cause = AwsErrors.describe(e);
        if (AwsErrors.isNoSuchEntity(e)) {
            return prefix + "the AWS managed policy " + policyArn + " does not exist in partition "
                    + account.partition() + " (" + cause + "). Check --region: it decides the partition.";
        }
        if (AwsErrors.isAccessDenied(e)) {
            return prefix + cause + ". Grant " + PERMISSION + " on " + policyArn + " to the scanning identity.";
        }
        if (AwsErrors.isThrottling(e)) {
            return prefix + cause + " (still throttled after retries) calling " + PERMISSION
                    + ". Scan again later or lower --parallelism.";
        }
        return prefix + cause + " calling " + PERMISSION + ".";
    }

    private static String names(List<String> names, boolean more) {
        if (names.size() <= NAMES_SHOWN) {
            String listed = String.join(", ", names);
            return more ? listed + " and more" : listed;
        }
        int rest = names.size() - NAMES_SHOWN;
        return String.join(", ", names.subList(0, NAMES_SHOWN)) + " and " + rest + (more ? "+" : "") + " more";
    }
}
