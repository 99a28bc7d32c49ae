package dev.plumb.engine.testrules;

import dev.plumb.api.Account;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.RulePack;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;
import java.util.List;

/** Rules that misbehave each in its own way, next to one that behaves. */
public final class MisbehavingPack implements RulePack {

    @Override
    public List<Class<? extends Rule>> rules() {
        return List.of(WellBehaved.class, Throws.class, Hangs.class, NeedsUnbound.class);
    }

    @Override
    public String name() {
        return "misbehaving";
    }

    @RuleInfo(id = "well_behaved", title = "Fails the account", severity = Severity.HIGH)
    static final class WellBehaved implements Rule {
        private final Account account;

        @Inject
        WellBehaved(Account account) {
            this.account = account;
        }

        @Override
        public void evaluate(Findings findings) {
            findings.fail(account.rootArn(), "fails on purpose");
        }
    }

    @RuleInfo(id = "throws", title = "Throws", severity = Severity.LOW)
    static final class Throws implements Rule {
        @Override
        public void evaluate(Findings findings) {
            throw new IllegalStateException("broke on purpose");
        }
    }

    @RuleInfo(id = "hangs", title = "Never returns", severity = Severity.LOW)
    static final class Hangs implements Rule {
        @Override
        public void evaluate(Findings findings) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @RuleInfo(id = "needs_unbound", title = "Injects what nobody binds", severity = Severity.LOW)
    static final class NeedsUnbound implements Rule {
        /** Stands for an AWS client the pack forgot to bind. */
        interface MissingClient {
            String call();
        }

        private final MissingClient client;

        @Inject
        NeedsUnbound(MissingClient client) {
            this.client = client;
        }

        @Override
        public void evaluate(Findings findings) {
            findings.pass("arn:aws:iam::000000000000:root", client.call());
        }
    }
}
