package dev.plumb.testplugins.verdicts;

import dev.plumb.api.Rule;
import dev.plumb.api.RulePack;
import java.util.List;

/** Rules that report in ways that once cost a verdict: a null finding, and resources whose names look alike. */
public final class VerdictRules implements RulePack {

    @Override
    public List<Class<? extends Rule>> rules() {
        return List.of(NullThenFail.class, SameResource.class);
    }

    @Override
    public String name() {
        return "verdicts";
    }
}
