package dev.plumb.testkit.sample;

import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;
import java.util.List;

/** Judges what a client bound by the pack's own module lists. */
@RuleInfo(id = "sample_inventory", title = "Every inventory item is named", severity = Severity.LOW)
final class InventoryNames implements Rule {

    /** Stands for an SDK client the pack binds. */
    public interface Inventory {
        List<String> names();
    }

    private final Inventory inventory;

    @Inject
    InventoryNames(Inventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public void evaluate(Findings findings) {
        inventory.names().forEach(name -> findings.pass(name, "Item " + name + " is named."));
    }
}
