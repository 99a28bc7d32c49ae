package dev.plumb.testplugins.load;

import dev.plumb.api.Rule;
import dev.plumb.api.RulePack;
import java.util.List;

/**
 * A synthetic workload: four rules of 25 findings each per account, 100 in all: 60 PASS, 25 FAIL,
 * 5 FAIL on "legacy" buckets (for a suppressions file to turn into SUPPRESSED), 5 ERROR, 5 SKIPPED.
 * The system property {@code plumb.load.scale} multiplies the findings (the same mix) for the
 * memory benchmark of {@code bench/load.py}.
 */
public final class LoadRules implements RulePack {

    /** Resources each rule judges in each account. */
    static final int RESOURCES = 25 * Math.max(1, Integer.getInteger("plumb.load.scale", 1));

    @Override
    public List<Class<? extends Rule>> rules() {
        return List.of(BucketEncryption.class, RoleMfa.class, KeyRotation.class, LogRetention.class);
    }

    @Override
    public String name() {
        return "load";
    }
}
