package dev.plumb.testplugins.misbehaving;

import dev.plumb.api.Rule;
import dev.plumb.api.RulePack;
import java.util.List;

public final class MisbehavingRules implements RulePack {

    @Override
    public List<Class<? extends Rule>> rules() {
        return List.of(WellBehaved.class, Throws.class, Hangs.class, BrokenConstructor.class, NeedsUnbound.class);
    }

    @Override
    public String name() {
        return "misbehaving";
    }
}
