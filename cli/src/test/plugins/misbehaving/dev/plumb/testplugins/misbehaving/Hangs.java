package dev.plumb.testplugins.misbehaving;

import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;

@RuleInfo(id = "plugin_hangs", title = "A rule that never returns", severity = Severity.LOW, tags = "plugin")
final class Hangs implements Rule {

    @Override
    public void evaluate(Findings findings) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
