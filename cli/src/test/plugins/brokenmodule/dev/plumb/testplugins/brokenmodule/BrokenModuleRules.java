package dev.plumb.testplugins.brokenmodule;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.plumb.api.Account;
import dev.plumb.api.Rule;
import dev.plumb.api.RulePack;
import java.util.List;

/** Its module binds Account a second time, so Guice refuses the pack's injector. */
public final class BrokenModuleRules implements RulePack {

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
}
