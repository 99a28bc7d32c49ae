package dev.plumb.engine;

import dev.plumb.api.Account;
import dev.plumb.api.Finding;
import dev.plumb.internal.report.ReportedFinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** The second and later findings of one resource in one rule: {@code [occurrence:<resource>#<n>]}. */
    static final String REPEAT_SEGMENT = "occurrence";

    /**
     * Where a finding sits among the findings of its rule in one account, unique by construction.
     * The first finding of a resource is {@code [resource:<resource>]} and named by the resource; a
     * later one is {@code [occurrence:<resource>#<n>]}: another segment type than any first finding,
     * and n is all after the last '#', so resource and n read back from it. Its name is
     * {@code <resource> (<n>)}, with one more {@code (<n>)} while another finding of the rule has that name.
     *
     * @param segmentType  {@link #SEGMENT} or {@link #REPEAT_SEGMENT}
     * @param displayName  the test's name; the JUnit XML test case name adds rule and account
     */
    record Key(String segmentType, String value, String displayName) {

        /** One key per finding, in the order given. */
        static List<Key> of(List<Finding> findings) {
            Set<String> names = new HashSet<>();
            findings.forEach(finding -> names.add(finding.resource()));
            Map<String, Integer> seen = new HashMap<>();
            List<Key> keys = new ArrayList<>(findings.size());
            for (Finding finding : findings) {
                String resource = finding.resource();
                int occurrence = seen.merge(resource, 1, Integer::sum);
                if (occurrence == 1) {
                    keys.add(new Key(SEGMENT, resource, resource));
                    continue;
                }
                String name = resource + " (" + occurrence + ")";
                while (!names.add(name)) {
                    name = name + " (" + occurrence + ")";
                }
                keys.add(new Key(REPEAT_SEGMENT, resource + "#" + occurrence, name));
            }
            return keys;
        }
    }

    private final RuleDefinition rule;
    private final Account account;
    private final Finding finding;
    private final Suppression suppression;

    /** {@code suppression} is the entry that turned a FAIL into this SUPPRESSED finding, else null. */
    FindingDescriptor(UniqueId parent, Key key, RuleDefinition rule, Account account, Finding finding,
            Suppression suppression) {
        super(parent.append(key.segmentType(), key.value()), key.displayName());
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
        // Secrets (an AWS error that echoes the request, a rule's own message) never reach a listener.
        Finding finding = context.session().secrets().mask(this.finding);
        context.listener().reportingEntryPublished(this, ReportEntry.from(reported(finding).toEntries()));
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

    private ReportedFinding reported(Finding finding) {
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
