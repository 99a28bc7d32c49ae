package dev.plumb.testplugins.hostile;

import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;

/** A rule that ends the JVM with status 0 in the middle of the scan. */
@RuleInfo(id = "hostile_exits", title = "A rule that calls System.exit(0)", severity = Severity.LOW)
final class ExitsTheJvm implements Rule {

    @Override
    public void evaluate(Findings findings) {
        System.exit(0);
    }
}
