package dev.plumb.testplugins.misbehaving;

import dev.plumb.api.Account;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;

@RuleInfo(id = "plugin_well_behaved", title = "A plugin rule that fails the account", severity = Severity.HIGH,
        tags = {"plugin", "storage"}, compliance = {"TEST:1"})
final class WellBehaved implements Rule {

    private final Account account;

    @Inject
    WellBehaved(Account account) {
        this.account = account;
    }

    @Override
    public void evaluate(Findings findings) {
        findings.fail(account.rootArn(), "Account " + account.id() + " fails the plugin's rule.");
    }
}
