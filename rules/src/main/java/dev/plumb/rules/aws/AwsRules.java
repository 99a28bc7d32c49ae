package dev.plumb.rules.aws;

import dev.plumb.api.Rule;
import dev.plumb.api.RulePack;
import java.util.List;

/** The built-in AWS rules. */
public final class AwsRules implements RulePack {

    @Override
    public List<Class<? extends Rule>> rules() {
        return List.of(AccountSupportRole.class);
    }

    @Override
    public String name() {
        return "plumb-aws (built-in)";
    }
}
