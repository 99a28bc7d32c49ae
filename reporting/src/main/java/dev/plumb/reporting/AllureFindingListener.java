package dev.plumb.reporting;

import dev.plumb.internal.report.RuleMetadata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.plumb.api.Outcome;
import dev.plumb.api.Severity;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.SeverityLevel;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Writes one Allure test result per finding the moment its test finishes, from what the engine
 * published about it, through Allure's own file writer, and then forgets it: it keeps nothing per
 * finding but the start times of the tests still running. FAIL is {@code failed}, ERROR
 * {@code broken}, SKIPPED and SUPPRESSED {@code skipped}, PASS {@code passed}. A container that
 * fails outside of its findings (the engine, an account, a rule) is one {@code broken} result.
 *
 * <p>Allure's JUnit Platform listener is not used here: it keeps every test's identifier until the
 * end of the run, and writes a container file per test.
 */
final class AllureFindingListener implements TestExecutionListener {

    /** The label that ties each result to its scan (the scan id of every file of the report set). */
    static final String SCAN_ID_LABEL = "plumbScanId";
    /** The label under which Allure's JUnit Platform listener keeps a test's unique id; kept for readers of it. */
    static final String UNIQUE_ID_LABEL = "junit.platform.uniqueid";

    private final AllureResultsWriter files;
    private final ScanRecorder scan;
    private final String scanId;
    private final WriteErrors errors;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, Long> started = new ConcurrentHashMap<>();

    AllureFindingListener(AllureResultsWriter files, ScanRecorder scan, String scanId, WriteErrors errors) {
        this.files = files;
        this.scan = scan;
        this.scanId = scanId;
        this.errors = errors;
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        started.put(test.getUniqueId(), System.currentTimeMillis());
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        long stop = System.currentTimeMillis();
        Long began = started.remove(test.getUniqueId());
        long start = began == null ? stop : began;
        if (test.isTest()) {
            scan.finding(test.getUniqueId()).ifPresent(finding -> {
                try {
                    write(base(test, start, stop), finding);
                } finally {
                    scan.written(test.getUniqueId());
                }
            });
        } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            writeContainerFailure(test, result, start, stop);
        }
    }

    /** Allure would log and drop a write error: keep it instead. */
    private void write(TestResult result, FindingEvent finding) {
        try {
            complete(result, finding);
            files.write(result);
        } catch (RuntimeException e) {
            errors.add("cannot write the Allure result of " + finding.name(), e);
        }
    }

    private TestResult base(TestIdentifier test, long start, long stop) {
        TestResult result = new TestResult().setUuid(UUID.randomUUID().toString())
                .setTestCaseId(test.getUniqueId()).setTestCaseName(test.getDisplayName())
                .setStage(Stage.FINISHED).setStart(start).setStop(stop);
        List<Label> labels = result.getLabels();
        labels.add(new Label().setName(UNIQUE_ID_LABEL).setValue(test.getUniqueId()));
        labels.add(ResultsUtils.createHostLabel());
        labels.add(ResultsUtils.createThreadLabel());
        labels.add(ResultsUtils.createFrameworkLabel("junit-platform"));
        labels.add(ResultsUtils.createLanguageLabel("java"));
        labels.add(new Label().setName(SCAN_ID_LABEL).setValue(scanId));
        return result;
    }

    private void writeContainerFailure(TestIdentifier container, TestExecutionResult outcome, long start, long stop) {
        UniqueId id = container.getUniqueIdObject();
        String account = TestEvents.segment(id, "account").orElse(null);
        String rule = TestEvents.segment(id, "rule").orElse(null);
        String what = rule != null ? "Rule " + rule + " in account " + account
                : account != null ? "Account " + account : "The scan";
        String cause = outcome.getThrowable().map(TestEvents::describe)
                .orElse("failed without a message");
        TestResult result = base(container, start, stop).setName(what + " failed")
                .setFullName(container.getUniqueId()).setHistoryId(Fingerprint.of(rule == null ? "*" : rule, account == null ? "*" : account, id.toString()))
                .setStatus(Status.BROKEN)
                .setStatusDetails(new StatusDetails().setMessage(what + " failed; its results are missing: " + cause));
        List<Label> labels = result.getLabels();
        if (account != null) {
            labels.add(ResultsUtils.createParentSuiteLabel("Account " + account));
        }
        if (rule != null) {
            labels.add(ResultsUtils.createSuiteLabel(rule));
        }
        try {
            files.write(result);
        } catch (RuntimeException e) {
            errors.add("cannot write the Allure result of " + what, e);
        }
    }

    private void complete(TestResult result, FindingEvent finding) {
        RuleMetadata rule = scan.rule(finding.ruleId());
        String account = "Account " + finding.accountId();
        result.setName(finding.name())
                .setFullName("plumb." + finding.accountId() + "." + finding.ruleId() + " " + finding.resource())
                .setHistoryId(finding.fingerprint())
                .setDescription(rule.helpMarkdown().isBlank() ? rule.title() : rule.helpMarkdown());
        List<Label> labels = result.getLabels();
        labels.add(ResultsUtils.createSeverityLabel(severity(rule.severity())));
        labels.add(ResultsUtils.createParentSuiteLabel(account + " (" + finding.partition() + ")"));
        labels.add(ResultsUtils.createSuiteLabel(finding.ruleId()));
        labels.add(ResultsUtils.createEpicLabel(rule.pack().isBlank() ? "Plumb rules" : "Rule pack " + rule.pack()));
        labels.add(ResultsUtils.createFeatureLabel(rule.title()));
        labels.add(ResultsUtils.createStoryLabel(account));
        labels.add(ResultsUtils.createPackageLabel("plumb." + finding.accountId()));
        labels.add(ResultsUtils.createTestClassLabel("plumb." + finding.accountId() + "." + finding.ruleId()));
        labels.add(ResultsUtils.createTestMethodLabel(finding.resource()));
        rule.tags().forEach(tag -> labels.add(ResultsUtils.createTagLabel(tag)));
        rule.compliance().forEach(control -> labels.add(ResultsUtils.createTagLabel(control)));
        if (finding.outcome() == Outcome.SUPPRESSED) {
            labels.add(ResultsUtils.createTagLabel("suppressed"));
        }
        SarifReport.helpUri(rule.helpMarkdown()).ifPresent(url -> result.getLinks()
                .add(new Link().setName("Rule help: " + rule.id()).setUrl(url).setType("link")));
        result.getParameters().add(ResultsUtils.createParameter("account", finding.accountId()));
        result.getParameters().add(ResultsUtils.createParameter("partition", finding.partition()));
        result.getParameters().add(ResultsUtils.createParameter("resource", finding.resource()));
        // a finding of a plan or template names its source line: shown next to the resource
        String source = finding.evidence().get("source");
        if (source != null) {
            result.getParameters().add(ResultsUtils.createParameter("source", source));
        }
        result.setStatus(status(finding.outcome()));
        StatusDetails details = new StatusDetails();
        if (finding.outcome() == Outcome.SUPPRESSED) {
            result.getParameters().add(ResultsUtils.createParameter("suppression", finding.suppressionReason()));
            details.setMuted(true).setMessage("Suppressed: " + finding.suppressionReason() + " (finding: "
                    + finding.message() + ")");
        } else {
            details.setMessage(finding.message());
        }
        result.setStatusDetails(details);
        if (!finding.evidence().isEmpty()) {
            result.getAttachments().add(evidence(finding));
        }
    }

    private Attachment evidence(FindingEvent finding) {
        String source = UUID.randomUUID() + "-attachment.json";
        try {
            files.write(source, new ByteArrayInputStream(json.writeValueAsBytes(finding.evidence())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the evidence of " + finding.name(), e);
        }
        return new Attachment().setName("Evidence").setSource(source).setType("application/json");
    }

    private static Status status(Outcome outcome) {
        return switch (outcome) {
            case PASS -> Status.PASSED;
            case FAIL -> Status.FAILED;
            case ERROR -> Status.BROKEN;
            case SKIPPED, SUPPRESSED -> Status.SKIPPED;
        };
    }

    /** Allure's five levels, from blocker down to trivial. */
    static SeverityLevel severity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> SeverityLevel.BLOCKER;
            case HIGH -> SeverityLevel.CRITICAL;
            case MEDIUM -> SeverityLevel.NORMAL;
            case LOW -> SeverityLevel.MINOR;
            case INFORMATIONAL -> SeverityLevel.TRIVIAL;
        };
    }
}
