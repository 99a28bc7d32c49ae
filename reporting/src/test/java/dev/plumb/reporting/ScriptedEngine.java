package dev.plumb.reporting;

import dev.plumb.api.Outcome;
import dev.plumb.api.Severity;
import dev.plumb.internal.report.ReportedFinding;
import dev.plumb.internal.report.RuleMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * A stand-in for the plumb engine that replays a script of findings with the same tree, report
 * entries and exceptions (the records of {@code dev.plumb.internal.report}), including outcomes that no
 * built-in rule produces against moto yet: ERROR, SKIPPED, SUPPRESSED and a failed account.
 */
final class ScriptedEngine implements TestEngine {

    record Rule(String id, String severity, String tags) {
    }

    record Step(String account, Rule rule, String resource, Outcome outcome, String message,
            Map<String, String> evidence, String suppression) {

        static Step of(String account, Rule rule, String resource, Outcome outcome, String message) {
            return new Step(account, rule, resource, outcome, message, Map.of("checked", resource), null);
        }

        static Step suppressed(String account, Rule rule, String resource, String message, String reason) {
            return new Step(account, rule, resource, Outcome.SUPPRESSED, message, Map.of(), reason);
        }
    }

    private final List<Step> script;
    private final List<String> failedAccounts;
    private final Map<String, String> failedRules;

    ScriptedEngine(List<Step> script, List<String> failedAccounts) {
        this(script, failedAccounts, Map.of());
    }

    /** @param failedRules rule containers (account id to rule id) that fail before they register a finding */
    ScriptedEngine(List<Step> script, List<String> failedAccounts, Map<String, String> failedRules) {
        this.script = script;
        this.failedAccounts = failedAccounts;
        this.failedRules = failedRules;
    }

    @Override
    public String getId() {
        return "plumb";
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "Plumb");
        Map<String, Node> accounts = new LinkedHashMap<>();
        Map<String, Node> rules = new LinkedHashMap<>();
        for (String failed : failedAccounts) {
            accounts.computeIfAbsent(failed, id -> child(engine, "account", id, "plumb." + id, false));
        }
        for (Step step : script) {
            Node account = accounts.computeIfAbsent(step.account(),
                    id -> child(engine, "account", id, "plumb." + id, false));
            Node rule = rules.computeIfAbsent(step.account() + "/" + step.rule().id(), key -> child(account, "rule",
                    step.rule().id(), "plumb." + step.account() + "." + step.rule().id(), false));
            Node finding = child(rule, "resource", step.resource(),
                    step.rule().id() + " [" + step.account() + "] " + step.resource(), true);
            finding.step = step;
        }
        failedRules.forEach((accountId, ruleId) -> child(accounts.computeIfAbsent(accountId,
                id -> child(engine, "account", id, "plumb." + id, false)), "rule", ruleId,
                "plumb." + accountId + "." + ruleId, false));
        return engine;
    }

    private static Node child(TestDescriptor parent, String type, String value, String legacyName, boolean test) {
        Node node = new Node(parent.getUniqueId().append(type, value), value, legacyName, test);
        parent.addChild(node);
        return node;
    }

    @Override
    public void execute(ExecutionRequest request) {
        EngineExecutionListener listener = request.getEngineExecutionListener();
        TestDescriptor engine = request.getRootTestDescriptor();
        listener.executionStarted(engine);
        for (TestDescriptor account : engine.getChildren()) {
            listener.executionStarted(account);
            String accountId = account.getUniqueId().getLastSegment().getValue();
            if (failedAccounts.contains(accountId)) {
                listener.executionFinished(account, TestExecutionResult.failed(
                        new IllegalStateException("cannot assume role in account " + accountId)));
                continue;
            }
            for (TestDescriptor rule : account.getChildren()) {
                listener.executionStarted(rule);
                if (rule.getChildren().isEmpty()) {
                    listener.executionFinished(rule, TestExecutionResult.failed(new NullPointerException(
                            "Cannot invoke \"dev.plumb.api.Finding.resource()\" because \"finding\" is null")));
                    continue;
                }
                Step first = ((Node) rule.getChildren().iterator().next()).step;
                listener.reportingEntryPublished(rule, ReportEntry.from(new RuleMetadata(first.rule().id(),
                        "Title of " + first.rule().id(), Severity.parse(first.rule().severity()),
                        List.of(first.rule().tags().split(",")), List.of("CIS-AWS-3.0:1.1"),
                        "# Title of " + first.rule().id() + "\n\nWhy it matters.\n\nSee https://example.org/"
                                + first.rule().id() + ".\n", "scripted").toEntries(accountId, "aws")));
                for (TestDescriptor finding : rule.getChildren()) {
                    run(listener, (Node) finding);
                }
                listener.executionFinished(rule, TestExecutionResult.successful());
            }
            listener.executionFinished(account, TestExecutionResult.successful());
        }
        listener.executionFinished(engine, TestExecutionResult.successful());
    }

    private static void run(EngineExecutionListener listener, Node finding) {
        Step step = finding.step;
        listener.executionStarted(finding);
        listener.reportingEntryPublished(finding, ReportEntry.from(new ReportedFinding(step.outcome(),
                step.rule().id(), step.account(), "aws", step.resource(), step.message(),
                Severity.parse(step.rule().severity()), step.evidence(), step.suppression(), null).toEntries()));
        TestExecutionResult result = switch (step.outcome()) {
            case PASS -> TestExecutionResult.successful();
            case FAIL -> TestExecutionResult.failed(new AssertionFailedError(step.message()));
            case ERROR -> TestExecutionResult.failed(new IllegalStateException(step.message()));
            case SKIPPED -> TestExecutionResult.aborted(new TestAbortedException(step.message()));
            case SUPPRESSED -> TestExecutionResult.aborted(new TestAbortedException(step.suppression()));
        };
        listener.executionFinished(finding, result);
    }

    private static final class Node extends AbstractTestDescriptor {

        private final String legacyName;
        private final boolean test;
        private Step step;

        Node(UniqueId id, String displayName, String legacyName, boolean test) {
            super(id, displayName);
            this.legacyName = legacyName;
            this.test = test;
        }

        @Override
        public Type getType() {
            return test ? Type.TEST : Type.CONTAINER;
        }

        @Override
        public String getLegacyReportingName() {
            return legacyName;
        }

        @Override
        public boolean mayRegisterTests() {
            return !test;
        }
    }
}
