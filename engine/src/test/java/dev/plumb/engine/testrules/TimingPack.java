package dev.plumb.engine.testrules;

import dev.plumb.api.Account;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.RulePack;
import dev.plumb.api.Severity;
import dev.plumb.engine.ScanCancellation;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Rules for time limits and cancellation: {@code a_slow} is slow in the account named by
 * {@link #slowAccount} and quick elsewhere; {@code a_cancels} cancels {@link #cancellation} in the
 * first account it runs in and then waits; {@code b_after} passes at once. Rules of one account run
 * in id order.
 */
public final class TimingPack implements RulePack {

    public static volatile String slowAccount;
    public static volatile ScanCancellation cancellation;

    private final List<Class<? extends Rule>> rules;

    private TimingPack(List<Class<? extends Rule>> rules) {
        this.rules = rules;
    }

    /** a_slow, then b_after. */
    public static TimingPack slow() {
        return new TimingPack(List.of(Slow.class, After.class));
    }

    /** a_cancels, then b_after. */
    public static TimingPack cancelling() {
        return new TimingPack(List.of(Cancels.class, After.class));
    }

    @Override
    public List<Class<? extends Rule>> rules() {
        return rules;
    }

    @Override
    public String name() {
        return "timing";
    }

    @RuleInfo(id = "a_slow", title = "Slow in one account", severity = Severity.LOW)
    static final class Slow implements Rule {
        private final Account account;

        @Inject
        Slow(Account account) {
            this.account = account;
        }

        @Override
        public void evaluate(Findings findings) throws InterruptedException {
            if (account.id().equals(slowAccount)) {
                Thread.sleep(60_000);
            }
            findings.pass(account.rootArn(), "done");
        }
    }

    @RuleInfo(id = "a_cancels", title = "Cancels the scan while it runs", severity = Severity.LOW)
    static final class Cancels implements Rule {
        private final Account account;

        @Inject
        Cancels(Account account) {
            this.account = account;
        }

        @Override
        public void evaluate(Findings findings) throws InterruptedException {
            cancellation.cancel("SIGINT");
            Thread.sleep(60_000);
            findings.pass(account.rootArn(), "never reached");
        }
    }

    @RuleInfo(id = "b_after", title = "Passes at once", severity = Severity.LOW)
    static final class After implements Rule {
        private final Account account;

        @Inject
        After(Account account) {
            this.account = account;
        }

        @Override
        public void evaluate(Findings findings) {
            findings.pass(account.rootArn(), "done");
        }
    }
}
