package dev.plumb.internal.report;

import dev.plumb.api.Outcome;
import dev.plumb.api.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One finding as every report sees it: what the engine publishes on a finding test through
 * {@link #toEntries()} and what report writers read back with {@link #fromEntries(Map)}.
 * Internal to Plumb (see the package documentation).
 *
 * @param severity          the rule's severity; null for entries of an engine that predates it
 * @param suppressionReason the justification of a SUPPRESSED finding, else null
 * @param suppressionEntry  the suppression entry that matched, as {@code <file>:<line>}, else null
 */
public record ReportedFinding(Outcome outcome, String ruleId, String accountId, String partition, String resource,
        String message, Severity severity, Map<String, String> evidence, String suppressionReason,
        String suppressionEntry) {

    public ReportedFinding {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(resource, "resource");
        partition = partition == null || partition.isBlank() ? "aws" : partition;
        message = message == null ? "" : message;
        evidence = evidence.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    /** The report entries of a finding test; blank values are left out. */
    public Map<String, String> toEntries() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(ReportEntries.OUTCOME, outcome.name());
        entries.put(ReportEntries.RULE, ruleId);
        entries.put(ReportEntries.ACCOUNT, accountId);
        entries.put(ReportEntries.PARTITION, partition);
        entries.put(ReportEntries.RESOURCE, resource);
        entries.put(ReportEntries.MESSAGE, message);
        entries.put(ReportEntries.SEVERITY, severity == null ? null : severity.label());
        entries.put(ReportEntries.SUPPRESSION_REASON, suppressionReason);
        entries.put(ReportEntries.SUPPRESSION_ENTRY, suppressionEntry);
        evidence.forEach((key, value) -> entries.put(ReportEntries.EVIDENCE_PREFIX + key, value));
        entries.values().removeIf(value -> value == null || value.isBlank());
        return entries;
    }

    /**
     * The finding a test published, or empty when the entries are not a finding's (a rule
     * container's metadata, or entries of another engine).
     *
     * @throws IllegalArgumentException when the entries claim to be a finding but are not one
     */
    public static Optional<ReportedFinding> fromEntries(Map<String, String> entries) {
        String outcome = entries.get(ReportEntries.OUTCOME);
        if (outcome == null) {
            return Optional.empty();
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            if (key.startsWith(ReportEntries.EVIDENCE_PREFIX)) {
                evidence.put(key.substring(ReportEntries.EVIDENCE_PREFIX.length()), value);
            }
        });
        String severity = entries.get(ReportEntries.SEVERITY);
        return Optional.of(new ReportedFinding(Outcome.valueOf(outcome), required(entries, ReportEntries.RULE),
                required(entries, ReportEntries.ACCOUNT), entries.get(ReportEntries.PARTITION),
                required(entries, ReportEntries.RESOURCE), entries.get(ReportEntries.MESSAGE),
                severity == null ? null : Severity.parse(severity), evidence,
                entries.get(ReportEntries.SUPPRESSION_REASON), entries.get(ReportEntries.SUPPRESSION_ENTRY)));
    }

    private static String required(Map<String, String> entries, String key) {
        String value = entries.get(key);
        if (value == null) {
            throw new IllegalArgumentException("a finding's report entries have no " + key + ": " + entries.keySet());
        }
        return value;
    }
}
