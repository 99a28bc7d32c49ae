package dev.plumb.testplugins.hostile;

import dev.plumb.api.Rule;
import dev.plumb.api.RulePack;
import java.util.List;

/** Rules that attack the console and the process: pick them one by one with --rules. */
public final class HostileRules implements RulePack {

    @Override
    public List<Class<? extends Rule>> rules() {
        return List.of(ControlCharacters.class, LeaksSecret.class, ExitsTheJvm.class);
    }

    @Override
    public String name() {
        return "hostile";
    }
}
