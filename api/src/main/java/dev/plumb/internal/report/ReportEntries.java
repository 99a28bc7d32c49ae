package dev.plumb.internal.report;

import dev.plumb.api.Outcome;
import dev.plumb.api.Severity;

/**
 * Keys of the JUnit Platform report entries the engine publishes for every finding and rule.
 * Report writers read findings through these entries only, never through rule classes.
 */
public final class ReportEntries {

    private ReportEntries() {
    }

    /** On a finding test: {@link Outcome} name. */
    public static final String OUTCOME = "plumb.outcome";
    /** On a finding test: the finding's message. */
    public static final String MESSAGE = "plumb.message";
    /** On a finding test: the resource ARN. */
    public static final String RESOURCE = "plumb.resource";
    /** On finding tests and rule containers: the account id. */
    public static final String ACCOUNT = "plumb.account";
    /** On finding tests and rule containers: the account's partition. */
    public static final String PARTITION = "plumb.partition";
    /** On finding tests and rule containers: the rule id. */
    public static final String RULE = "plumb.rule";
    /** On a finding test: prefix of the evidence keys. */
    public static final String EVIDENCE_PREFIX = "plumb.evidence.";
    /** On a SUPPRESSED finding test: the suppression's reason. */
    public static final String SUPPRESSION_REASON = "plumb.suppression.reason";
    /** On a SUPPRESSED finding test: which suppression entry matched, as {@code <file>:<line>}. */
    public static final String SUPPRESSION_ENTRY = "plumb.suppression.entry";
    /** On a finding test: the rule's {@link Severity} label, so a summary can gate on it. */
    public static final String SEVERITY = "plumb.severity";

    /** On rule containers: rule metadata. */
    public static final String RULE_TITLE = "plumb.rule.title";
    public static final String RULE_SEVERITY = "plumb.rule.severity";
    public static final String RULE_TAGS = "plumb.rule.tags";
    public static final String RULE_COMPLIANCE = "plumb.rule.compliance";
    public static final String RULE_HELP = "plumb.rule.help";
    public static final String RULE_PACK = "plumb.rule.pack";
}
