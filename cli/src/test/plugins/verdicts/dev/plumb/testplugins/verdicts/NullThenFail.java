package dev.plumb.testplugins.verdicts;

import dev.plumb.api.Account;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;

@RuleInfo(id = "plugin_null_then_fail", title = "Reports null, then a FAIL", severity = Severity.HIGH)
final class NullThenFail implements Rule {

    private final Account account;

    @Inject
    NullThenFail(Account account) {
        this.account = account;
    }

    @Override
    public void evaluate(Findings findings) {
        findings.report(null);
        findings.fail("arn:aws:s3:::exposed-bucket", "Bucket exposed-bucket in account " + account.id() + " is public.");
    }
}
