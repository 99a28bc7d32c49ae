package dev.plumb.reporting;

import dev.plumb.api.ReportEntries;
import dev.plumb.api.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What a rule container published about its rule (see {@link ReportEntries}). */
record RuleMetadata(String id, String title, Severity severity, List<String> tags, List<String> compliance,
        String helpMarkdown, String pack) {

    RuleMetadata {
        tags = List.copyOf(tags);
        compliance = List.copyOf(compliance);
    }

    static RuleMetadata from(Map<String, String> entries) {
        String id = entries.get(ReportEntries.RULE);
        String severity = entries.get(ReportEntries.RULE_SEVERITY);
        return new RuleMetadata(id, entries.getOrDefault(ReportEntries.RULE_TITLE, id),
                severity == null ? Severity.MEDIUM : Severity.parse(severity),
                list(entries.get(ReportEntries.RULE_TAGS)), list(entries.get(ReportEntries.RULE_COMPLIANCE)),
                entries.getOrDefault(ReportEntries.RULE_HELP, ""), entries.getOrDefault(ReportEntries.RULE_PACK, ""));
    }

    /** A rule known only by id, for findings whose rule published no metadata. */
    static RuleMetadata unknown(String id) {
        return new RuleMetadata(id, id, Severity.MEDIUM, List.of(), List.of(), "", "");
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
