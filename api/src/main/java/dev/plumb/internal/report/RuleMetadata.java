package dev.plumb.internal.report;

import dev.plumb.api.Severity;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a rule container publishes about its rule, once per account, through {@link #toEntries}
 * and what report writers read back with {@link #fromEntries(Map)}. Internal to Plumb (see the
 * package documentation).
 */
public record RuleMetadata(String id, String title, Severity severity, List<String> tags, List<String> compliance,
        String helpMarkdown, String pack) {

    public RuleMetadata {
        tags = List.copyOf(tags);
        compliance = List.copyOf(compliance);
        title = title == null || title.isBlank() ? id : title;
        severity = severity == null ? Severity.MEDIUM : severity;
        helpMarkdown = helpMarkdown == null ? "" : helpMarkdown;
        pack = pack == null ? "" : pack;
    }

    /** A rule known only by id, for findings whose rule published no metadata. */
    public static RuleMetadata unknown(String id) {
        return new RuleMetadata(id, id, Severity.MEDIUM, List.of(), List.of(), "", "");
    }

    /** The report entries of the rule container in one account; blank values are left out. */
    public Map<String, String> toEntries(String accountId, String partition) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(ReportEntries.RULE, id);
        entries.put(ReportEntries.ACCOUNT, accountId);
        entries.put(ReportEntries.PARTITION, partition);
        entries.put(ReportEntries.RULE_TITLE, title);
        entries.put(ReportEntries.RULE_SEVERITY, severity.label());
        entries.put(ReportEntries.RULE_TAGS, String.join(",", tags));
        entries.put(ReportEntries.RULE_COMPLIANCE, String.join(",", compliance));
        entries.put(ReportEntries.RULE_PACK, pack);
        entries.put(ReportEntries.RULE_HELP, helpMarkdown);
        entries.values().removeIf(value -> value == null || value.isBlank());
        return entries;
    }

    /** The rule a container described, or empty when the entries are not a rule's metadata. */
    public static Optional<RuleMetadata> fromEntries(Map<String, String> entries) {
        String id = entries.get(ReportEntries.RULE);
        if (id == null || !entries.containsKey(ReportEntries.RULE_TITLE) || entries.containsKey(ReportEntries.OUTCOME)) {
            return Optional.empty();
        }
        String severity = entries.get(ReportEntries.RULE_SEVERITY);
        return Optional.of(new RuleMetadata(id, entries.get(ReportEntries.RULE_TITLE),
                severity == null ? null : Severity.parse(severity), list(entries.get(ReportEntries.RULE_TAGS)),
                list(entries.get(ReportEntries.RULE_COMPLIANCE)), entries.get(ReportEntries.RULE_HELP),
                entries.get(ReportEntries.RULE_PACK)));
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
