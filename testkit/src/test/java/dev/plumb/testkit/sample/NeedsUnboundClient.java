package dev.plumb.testkit.sample;

import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;

/** A rule whose pack forgot to bind what it injects. */
@RuleInfo(id = "sample_needs_unbound", title = "Needs a binding nobody gives", severity = Severity.LOW)
final class NeedsUnboundClient implements Rule {

    /** Bound by no module. */
    interface Unbound {
        java.util.List<String> names();
    }

    private final Unbound inventory;

    @Inject
    NeedsUnboundClient(Unbound inventory) {
        this.inventory = inventory;
    }

    @Override
    public void evaluate(Findings findings) {
        inventory.names().forEach(name -> findings.pass(name, "fine"));
    }
}
