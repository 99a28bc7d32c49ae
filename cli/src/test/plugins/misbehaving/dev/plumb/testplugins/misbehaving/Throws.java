package dev.plumb.testplugins.misbehaving;

import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;

@RuleInfo(id = "plugin_throws", title = "A rule that throws", severity = Severity.LOW, tags = "plugin")
final class Throws implements Rule {

    @Override
    public void evaluate(Findings findings) {
        throw new IllegalStateException("the plugin rule broke on purpose");
    }
}
