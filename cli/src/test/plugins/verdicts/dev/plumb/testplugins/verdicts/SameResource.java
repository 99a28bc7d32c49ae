package dev.plumb.testplugins.verdicts;

import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;

@RuleInfo(id = "plugin_same_resource", title = "Two findings of one resource, and a resource named like the second",
        severity = Severity.MEDIUM)
final class SameResource implements Rule {

    @Override
    public void evaluate(Findings findings) {
        findings.pass("r", "first finding of r passes");
        findings.fail("r", "second finding of r fails");
        findings.pass("r#2", "the resource literally named r#2 passes");
    }
}
