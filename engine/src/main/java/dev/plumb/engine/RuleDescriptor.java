package dev.plumb.engine;

import dev.plumb.api.Finding;
import dev.plumb.api.Outcome;
import dev.plumb.internal.report.RuleMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.List;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * {@code [rule:account_supportrole]} under an account. Running it evaluates the rule and registers
 * one dynamic test per finding, sorted by resource so that reports do not depend on timing. A FAIL
 * that a suppression of the scan request matches is registered as SUPPRESSED, so every report sees it.
 */
final class RuleDescriptor extends AbstractTestDescriptor implements Node<PlumbContext> {

    static final String SEGMENT = "rule";

    private final RuleDefinition rule;
    private final String accountId;

    RuleDescriptor(UniqueId parent, RuleDefinition rule, String accountId) {
        super(parent.append(SEGMENT, rule.id()), rule.id());
        this.rule = rule;
        this.accountId = accountId;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public boolean mayRegisterTests() {
        return true;
    }

    @Override
    public String getLegacyReportingName() {
        return "plumb." + accountId + "." + rule.id();
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.SAME_THREAD;
    }

    @Override
    public PlumbContext execute(PlumbContext context, DynamicTestExecutor dynamicTests) throws InterruptedException {
        AccountSession session = context.session();
        context.listener().reportingEntryPublished(this, ReportEntry.from(metadata().toEntries(session.account().id(),
                session.account().partition())));
        List<Finding> findings = new ArrayList<>(session.locate(new RuleEvaluation(rule, session, context).run()));
        findings.sort(Comparator.comparing(Finding::resource));
        List<FindingDescriptor.Key> keys = new ArrayList<>(FindingDescriptor.Key.of(findings));
        for (int i = 0; i < findings.size(); i++) {
            Finding finding = findings.get(i);
            Suppression suppression = finding.outcome() == Outcome.FAIL
                    ? context.request().suppressionFor(rule.id(), session.account().id(), finding.resource()).orElse(null)
                    : null;
            FindingDescriptor test = new FindingDescriptor(getUniqueId(), keys.get(i), rule, session.account(),
                    suppression == null ? finding : finding.as(Outcome.SUPPRESSED, finding.message()), suppression);
            addChild(test);
            await(dynamicTests.execute(test, context.listener()));
            // A finished finding lives on in the reports only: out of the tree and out of this list,
            // memory does not grow with the findings of a rule.
            removeChild(test);
            findings.set(i, null);
            keys.set(i, null);
        }
        dynamicTests.awaitFinished();
        return context;
    }

    /** A finding test runs in this thread (SAME_THREAD): its future is done, unless the thread is interrupted. */
    private static void await(Future<?> test) throws InterruptedException {
        try {
            test.get();
        } catch (ExecutionException e) {
            // the test reported its own failure to the listener
        }
    }

    private RuleMetadata metadata() {
        return new RuleMetadata(rule.id(), rule.title(), rule.severity(), rule.tags(), rule.compliance(),
                rule.helpMarkdown(), rule.packName());
    }
}
