package dev.plumb.testkit.sample;

import dev.plumb.api.Rule;
import dev.plumb.api.RulePack;
import java.util.List;

/** Listed in the test class path's service file. */
public final class SampleRules implements RulePack {

    @Override
    public List<Class<? extends Rule>> rules() {
        return List.of(RoleAdministrator.class, NeedsUnboundClient.class, InventoryNames.class);
    }

    @Override
    public List<com.google.inject.Module> modules() {
        return List.of(new InventoryModule());
    }

    @Override
    public String name() {
        return "sample";
    }
}
