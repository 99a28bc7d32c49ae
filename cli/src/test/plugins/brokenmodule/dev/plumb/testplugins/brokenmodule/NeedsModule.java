package dev.plumb.testplugins.brokenmodule;

import dev.plumb.api.Account;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;

@RuleInfo(id = "plugin_broken_module", title = "A rule of a pack whose module fails", severity = Severity.LOW)
final class NeedsModule implements Rule {

    private final Account account;

    @Inject
    NeedsModule(Account account) {
        this.account = account;
    }

    @Override
    public void evaluate(Findings findings) {
        findings.pass(account.rootArn(), "never reached");
    }
}
