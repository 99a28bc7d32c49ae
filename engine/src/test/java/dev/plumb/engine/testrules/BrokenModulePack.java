package dev.plumb.engine.testrules;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.plumb.api.Account;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.RulePack;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;
import java.util.List;

/** Its module binds Account a second time, so Guice refuses the pack's injector. */
public final class BrokenModulePack implements RulePack {

    @Override
    public List<Class<? extends Rule>> rules() {
        return List.of(NeedsModule.class);
    }

    @Override
    public List<Module> modules() {
        return List.of(new AbstractModule() {
            @Override
            protected void configure() {
                bind(Account.class).toInstance(new Account("000000000000", "aws"));
            }
        });
    }

    @Override
    public String name() {
        return "broken-module";
    }

    @RuleInfo(id = "broken_module", title = "A rule of a pack whose module fails", severity = Severity.LOW)
    static final class NeedsModule implements Rule {
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
}
