package dev.plumb.engine;

import dev.plumb.api.Finding;
import dev.plumb.api.Outcome;
import dev.plumb.api.ReportEntries;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        context.listener().reportingEntryPublished(this, ReportEntry.from(metadata(session)));
        List<Finding> findings = session.locate(new RuleEvaluation(rule, session, context).run()).stream()
                .sorted(Comparator.comparing(Finding::resource)).toList();
        List<FindingDescriptor.Key> keys = FindingDescriptor.Key.of(findings);
        for (int i = 0; i < findings.size(); i++) {
            Finding finding = findings.get(i);
            Suppression suppression = finding.outcome() == Outcome.FAIL
                    ? context.request().suppressionFor(rule.id(), session.account().id(), finding.resource()).orElse(null)
                    : null;
            FindingDescriptor test = new FindingDescriptor(getUniqueId(), keys.get(i), rule, session.account(),
                    suppression == null ? finding : finding.as(Outcome.SUPPRESSED, finding.message()), suppression);
            addChild(test);
            dynamicTests.execute(test);
        }
        dynamicTests.awaitFinished();
        return context;
    }

    private Map<String, String> metadata(AccountSession session) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(ReportEntries.RULE, rule.id());
        entries.put(ReportEntries.ACCOUNT, session.account().id());
        entries.put(ReportEntries.PARTITION, session.account().partition());
        entries.put(ReportEntries.RULE_TITLE, rule.title());
        entries.put(ReportEntries.RULE_SEVERITY, rule.severity().label());
        entries.put(ReportEntries.RULE_TAGS, String.join(",", rule.tags()));
        entries.put(ReportEntries.RULE_COMPLIANCE, String.join(",", rule.compliance()));
        entries.put(ReportEntries.RULE_PACK, rule.packName());
        entries.put(ReportEntries.RULE_HELP, rule.helpMarkdown());
        entries.values().removeIf(String::isBlank);
        return entries;
    }
}
