package dev.plumb.api;

/** What a rule concluded about one resource. */
public enum Outcome {
    /** Evaluated, compliant. */
    PASS,
    /** Evaluated, not compliant. */
    FAIL,
    /** Could not evaluate: access denied, throttled, the rule threw. Never a FAIL, never dropped. */
    ERROR,
    /** Not applicable, for example the data is not in an offline snapshot. */
    SKIPPED,
    /** A FAIL muted by a suppression that carries a justification. Set by the engine only. */
    SUPPRESSED
}
