package dev.plumb.cli;

import dev.plumb.engine.RuleCatalog;
import dev.plumb.engine.RuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Turns the rule ids of the command line into catalog rules; an unknown id is a usage error. */
final class RuleSelection {

    private RuleSelection() {
    }

    static List<String> resolve(RuleCatalog catalog, List<String> requested) {
        List<String> ids = new ArrayList<>();
        for (String raw : requested) {
            String id = raw.strip();
            if (id.isEmpty()) {
                continue;
            }
            if (catalog.find(id).isEmpty()) {
                throw new UsageException("unknown rule id '" + id + "'. Known rules: "
                        + catalog.rules().stream().map(RuleDefinition::id).collect(Collectors.joining(", "))
                        + ". Run 'plumb rules' to list them.");
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }
}
