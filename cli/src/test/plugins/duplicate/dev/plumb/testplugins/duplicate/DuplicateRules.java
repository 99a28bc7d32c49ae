package dev.plumb.testplugins.duplicate;

import dev.plumb.api.Rule;
import dev.plumb.api.RulePack;
import java.util.List;

public final class DuplicateRules implements RulePack {

    @Override
    public List<Class<? extends Rule>> rules() {
        return List.of(SameId.class);
    }
}
