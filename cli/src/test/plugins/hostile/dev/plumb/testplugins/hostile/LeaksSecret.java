package dev.plumb.testplugins.hostile;

import dev.plumb.api.Account;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;

/** A rule that puts the secret access key of its environment in a finding and in the exception it throws. */
@RuleInfo(id = "hostile_leaks_secret", title = "A rule that leaks the secret key", severity = Severity.HIGH)
final class LeaksSecret implements Rule {

    private final Account account;

    @Inject
    LeaksSecret(Account account) {
        this.account = account;
    }

    @Override
    public void evaluate(Findings findings) {
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        findings.fail(account.rootArn(), "signed with " + secret + ".");
        throw new IllegalStateException("request failed for key " + secret);
    }
}
