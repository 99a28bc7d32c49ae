package dev.plumb.testplugins.rewriter;

import dev.plumb.api.Rule;
import dev.plumb.api.RulePack;
import java.util.List;

public final class RewriterRules implements RulePack {

    @Override
    public List<Class<? extends Rule>> rules() {
        return List.of(RewritesSnapshot.class);
    }

    @Override
    public String name() {
        return "rewriter";
    }
}
