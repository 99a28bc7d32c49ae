package dev.plumb.testplugins.load;

import dev.plumb.api.Rule;
import dev.plumb.api.RulePack;
import java.util.List;

/**
 * A synthetic workload: four rules of 25 findings each per account, 100 in all: 60 PASS, 25 FAIL,
 * 5 FAIL on "legacy" buckets (for a suppressions file to turn into SUPPRESSED), 5 ERROR, 5 SKIPPED.
 */
public final class LoadRules implements RulePack {

    /** Resources each rule judges in each account. */
    static final int RESOURCES = 25;

    @Override
    public List<Class<? extends Rule>> rules() {
        return List.of(BucketEncryption.class, RoleMfa.class, KeyRotation.class, LogRetention.class);
    }

    @Override
    public String name() {
        return "load";
    }
}
