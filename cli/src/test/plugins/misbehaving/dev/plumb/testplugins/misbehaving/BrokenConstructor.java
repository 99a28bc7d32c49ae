package dev.plumb.testplugins.misbehaving;

import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;

@RuleInfo(id = "plugin_broken_constructor", title = "A rule that cannot be built", severity = Severity.MEDIUM,
        tags = "plugin")
final class BrokenConstructor implements Rule {

    BrokenConstructor() {
        throw new IllegalArgumentException("constructor refuses to run");
    }

    @Override
    public void evaluate(Findings findings) {
        findings.pass("arn:aws:iam::000000000000:root", "never reached");
    }
}
