package dev.plumb.engine;

import dev.plumb.api.Account;
import dev.plumb.api.Finding;
import dev.plumb.internal.report.ReportedFinding;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * {@code [resource:<arn>]}: one finding, as a test. FAIL is an assertion failure, ERROR any other
 * exception, SKIPPED and SUPPRESSED an aborted test, so every JUnit Platform listener reports it
 * the way CI systems expect. Its name in any launcher is the resource, and the class name the
 * rule container's {@code plumb.<account>.<rule>}: the launcher keeps every test's names until the
 * scan ends, so a longer name of its own would cost memory per finding.
 */
final class FindingDescriptor extends AbstractTestDescriptor implements Node<PlumbContext> {

    static final String SEGMENT = "resource";

    private final RuleDefinition rule;
    private final Account account;
    private final Finding finding;
    private final Suppression suppression;

    /** {@code suppression} is the entry that turned a FAIL into this SUPPRESSED finding, else null. */
    FindingDescriptor(UniqueId parent, String key, RuleDefinition rule, Account account, Finding finding,
            Suppression suppression) {
        super(parent.append(SEGMENT, key), key);
        this.rule = rule;
        this.account = account;
        this.finding = finding;
        this.suppression = suppression;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.SAME_THREAD;
    }

    Finding finding() {
        return finding;
    }

    @Override
    public PlumbContext execute(PlumbContext context, DynamicTestExecutor dynamicTests) {
        context.listener().reportingEntryPublished(this, ReportEntry.from(reported().toEntries()));
        switch (finding.outcome()) {
            case PASS -> {
                return context;
            }
            case FAIL -> throw quiet(new AssertionFailedError(finding.message()));
            case SKIPPED -> throw quiet(new TestAbortedException(finding.message()));
            case SUPPRESSED -> throw quiet(new TestAbortedException("Suppressed: " + reason() + " (FAIL: "
                    + finding.message() + ")"));
            case ERROR -> throw quiet(new RuleError(finding.message()));
            default -> throw new IllegalStateException("unknown outcome " + finding.outcome());
        }
    }

    private ReportedFinding reported() {
        return new ReportedFinding(finding.outcome(), rule.id(), account.id(), account.partition(), finding.resource(),
                finding.message(), rule.severity(), finding.evidence(),
                suppression == null ? null : suppression.reason(), suppression == null ? null : suppression.entry());
    }

    private String reason() {
        return suppression == null ? "no reason given" : suppression.reason();
    }

    private static <T extends Throwable> T quiet(T throwable) {
        throwable.setStackTrace(new StackTraceElement[0]);
        return throwable;
    }
}
