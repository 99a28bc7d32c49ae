package dev.plumb.testplugins.duplicate;

import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;

/** Takes the id of a rule of the misbehaving plugin. */
@RuleInfo(id = "plugin_well_behaved", title = "Same id as another plugin's rule", severity = Severity.LOW)
final class SameId implements Rule {

    @Override
    public void evaluate(Findings findings) {
    }
}
