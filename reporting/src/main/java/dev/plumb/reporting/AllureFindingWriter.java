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
import io.qameta.allure.model.Link;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import io.qameta.allure.util.ResultsUtils;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Completes each Allure test result that {@code AllureJunitPlatform} writes with what the engine
 * published about the finding (looked up by the test's unique id, which Allure keeps as
 * {@code testCaseId}) and then hands it to Allure's own file writer. Status comes from
 * AllureJunitPlatform: FAIL is an assertion failure (failed), ERROR any other exception (broken),
 * SKIPPED and SUPPRESSED an aborted test (skipped).
 */
final class AllureFindingWriter implements AllureResultsWriter {

    private static final Set<String> GROUPING_LABELS = Set.of(ResultsUtils.PARENT_SUITE_LABEL_NAME,
            ResultsUtils.SUITE_LABEL_NAME, ResultsUtils.SUB_SUITE_LABEL_NAME, ResultsUtils.PACKAGE_LABEL_NAME,
            ResultsUtils.TEST_CLASS_LABEL_NAME, ResultsUtils.TEST_METHOD_LABEL_NAME, ResultsUtils.EPIC_LABEL_NAME,
            ResultsUtils.FEATURE_LABEL_NAME, ResultsUtils.STORY_LABEL_NAME, ResultsUtils.SEVERITY_LABEL_NAME);

    /** The label that ties each result to its scan (the scan id of every file of the report set). */
    static final String SCAN_ID_LABEL = "plumbScanId";

    private final AllureResultsWriter files;
    private final ScanRecorder scan;
    private final String scanId;
    private final WriteErrors errors;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    AllureFindingWriter(AllureResultsWriter files, ScanRecorder scan, String scanId, WriteErrors errors) {
        this.files = files;
        this.scan = scan;
        this.scanId = scanId;
        this.errors = errors;
    }

    /** Allure's lifecycle and the JUnit Platform would log and drop a write error: keep it instead. */
    @Override
    public void write(TestResult result) {
        try {
            scan.finding(result.getTestCaseId()).ifPresent(finding -> complete(result, finding));
            result.getLabels().add(new io.qameta.allure.model.Label().setName(SCAN_ID_LABEL).setValue(scanId));
            files.write(result);
        } catch (RuntimeException e) {
            errors.add("cannot write the Allure result of " + result.getName(), e);
        } finally {
            scan.written(result.getTestCaseId());
        }
    }

    /**
     * Containers carry only fixtures (befores and afters) into a report, and Plumb has none:
     * AllureJunitPlatform writes one per test, account and rule, which would double the files.
     */
    @Override
    public void write(TestResultContainer container) {
        if (!container.getBefores().isEmpty() || !container.getAfters().isEmpty()) {
            try {
                files.write(container);
            } catch (RuntimeException e) {
                errors.add("cannot write an Allure container", e);
            }
        }
    }

    @Override
    public void write(String source, InputStream attachment) {
        try {
            files.write(source, attachment);
        } catch (RuntimeException e) {
            errors.add("cannot write the Allure attachment " + source, e);
        }
    }

    private void complete(TestResult result, FindingEvent finding) {
        RuleMetadata rule = scan.rule(finding.ruleId());
        String account = "Account " + finding.accountId();
        result.setName(finding.name())
                .setFullName("plumb." + finding.accountId() + "." + finding.ruleId() + " " + finding.resource())
                .setHistoryId(finding.fingerprint())
                .setDescription(rule.helpMarkdown().isBlank() ? rule.title() : rule.helpMarkdown());
        List<io.qameta.allure.model.Label> labels = result.getLabels();
        labels.removeIf(label -> GROUPING_LABELS.contains(label.getName()));
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
        StatusDetails details = result.getStatusDetails() == null ? new StatusDetails() : result.getStatusDetails();
        if (finding.outcome() == Outcome.SUPPRESSED) {
            result.getParameters().add(ResultsUtils.createParameter("suppression", finding.suppressionReason()));
            details.setMuted(true).setMessage("Suppressed: " + finding.suppressionReason() + " (finding: "
                    + finding.message() + ")");
        } else {
            details.setMessage(finding.message());
        }
        result.setStatusDetails(details.setTrace(null));
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
