package dev.plumb.cli;

import dev.plumb.api.Severity;
import dev.plumb.engine.Glob;
import dev.plumb.engine.RuleCatalog;
import dev.plumb.engine.RuleDefinition;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which rules a scan runs: {@code --rules} and {@code --exclude-rules} (ids or globs such as
 * {@code iam_*}), {@code --tags} (any of them), {@code --min-severity}. An unknown plain id is a
 * usage error, and so is a selection that leaves no rule.
 *
 * @param include     ids or globs to run; empty means every rule
 * @param exclude     ids or globs to leave out
 * @param tags        run only rules with at least one of these tags; empty means any
 * @param minSeverity run only rules of this severity or higher, or null for all
 */
record RuleSelection(List<String> include, List<String> exclude, List<String> tags, Severity minSeverity) {

    RuleSelection {
        include = clean(include);
        exclude = clean(exclude);
        tags = clean(tags).stream().map(tag -> tag.toLowerCase(Locale.ROOT)).toList();
    }

    static RuleSelection all() {
        return new RuleSelection(List.of(), List.of(), List.of(), null);
    }

    boolean selectsAll() {
        return include.isEmpty() && exclude.isEmpty() && tags.isEmpty() && minSeverity == null;
    }

    /** The chosen rules, in catalog order. */
    List<RuleDefinition> resolve(RuleCatalog catalog) {
        checkKnown(catalog, include, "--rules");
        checkKnown(catalog, exclude, "--exclude-rules");
        Predicate<RuleDefinition> included = include.isEmpty() ? rule -> true : rule -> matchesAny(include, rule.id());
        Predicate<RuleDefinition> excluded = rule -> matchesAny(exclude, rule.id());
        Predicate<RuleDefinition> tagged = tags.isEmpty() ? rule -> true
                : rule -> rule.tags().stream().map(tag -> tag.toLowerCase(Locale.ROOT)).anyMatch(tags::contains);
        Predicate<RuleDefinition> severe = minSeverity == null ? rule -> true
                : rule -> rule.severity().compareTo(minSeverity) >= 0;
        List<RuleDefinition> chosen = catalog.rules().stream()
                .filter(included.and(excluded.negate()).and(tagged).and(severe)).toList();
        if (chosen.isEmpty()) {
            throw new UsageException("the rule selection (" + describe() + ") matches none of the "
                    + ScanCommand.plural(catalog.rules().size(), "rule") + " known. Run 'plumb rules' to list them.");
        }
        return chosen;
    }

    private static void checkKnown(RuleCatalog catalog, List<String> requested, String option) {
        for (String id : requested) {
            if (!Glob.isGlob(id) && catalog.find(id).isEmpty()) {
                throw new UsageException("unknown rule id '" + id + "' in " + option + ". Known rules: "
                        + catalog.rules().stream().map(RuleDefinition::id).collect(Collectors.joining(", "))
                        + ". Run 'plumb rules' to list them.");
            }
        }
    }

    private static boolean matchesAny(List<String> patterns, String id) {
        return patterns.stream().anyMatch(pattern -> Glob.matches(pattern, id));
    }

    private String describe() {
        StringBuilder text = new StringBuilder();
        if (!include.isEmpty()) {
            text.append("--rules ").append(String.join(",", include)).append(' ');
        }
        if (!exclude.isEmpty()) {
            text.append("--exclude-rules ").append(String.join(",", exclude)).append(' ');
        }
        if (!tags.isEmpty()) {
            text.append("--tags ").append(String.join(",", tags)).append(' ');
        }
        if (minSeverity != null) {
            text.append("--min-severity ").append(minSeverity.label());
        }
        return text.toString().strip();
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).filter(v -> !v.isEmpty()).distinct()
                .toList();
    }
}
