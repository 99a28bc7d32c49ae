package dev.plumb.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One conclusion of a rule about one resource.
 *
 * @param outcome  what the rule concluded
 * @param resource the resource judged, an ARN where the resource has one
 * @param message  a sentence for humans: what was found, in which account, what to do
 * @param evidence what the conclusion rests on (for example the roles found), in insertion order
 */
public record Finding(Outcome outcome, String resource, String message, Map<String, String> evidence) {

    public Finding {
        Objects.requireNonNull(outcome, "outcome");
        if (resource == null || resource.isBlank()) {
            throw new IllegalArgumentException("a finding needs a resource");
        }
        Objects.requireNonNull(message, "message");
        evidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    public static Finding pass(String resource, String message) {
        return new Finding(Outcome.PASS, resource, message, Map.of());
    }

    public static Finding fail(String resource, String message) {
        return new Finding(Outcome.FAIL, resource, message, Map.of());
    }

    public static Finding error(String resource, String message) {
        return new Finding(Outcome.ERROR, resource, message, Map.of());
    }

    public static Finding skipped(String resource, String reason) {
        return new Finding(Outcome.SKIPPED, resource, reason, Map.of());
    }

    /** A copy with one more piece of evidence. */
    public Finding with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(evidence);
        more.put(key, value);
        return new Finding(outcome, resource, message, more);
    }

    /** A copy with another outcome and message, keeping resource and evidence. */
    public Finding as(Outcome newOutcome, String newMessage) {
        return new Finding(newOutcome, resource, newMessage, evidence);
    }
}
