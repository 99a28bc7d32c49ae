package dev.plumb.testplugins.load;

import dev.plumb.api.Account;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;

/** 15 PASS, 5 FAIL, 5 SKIPPED (log groups of a region the account does not use). */
@RuleInfo(id = "load_log_retention", title = "Log groups keep events for a year", severity = Severity.CRITICAL,
        tags = {"logs"})
final class LogRetention implements Rule {

    private final Account account;

    @Inject
    LogRetention(Account account) {
        this.account = account;
    }

    @Override
    public void evaluate(Findings findings) {
        for (int i = 0; i < LoadRules.RESOURCES; i++) {
            String arn = "arn:" + account.partition() + ":logs:eu-west-1:" + account.id() + ":log-group:/load/" + i;
            if (i % 25 < 15) {
                findings.pass(arn, "Log group /load/" + i + " keeps events for 365 days.");
            } else if (i % 25 < 20) {
                findings.fail(arn, "Log group /load/" + i + " in account " + account.id() + " keeps events for 7 days.");
            } else {
                findings.skip(arn, "Log group /load/" + i + " is in a region the account does not use.");
            }
        }
    }
}
