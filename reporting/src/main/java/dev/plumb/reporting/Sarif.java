package dev.plumb.reporting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The part of the SARIF 2.1.0 object model that Plumb writes, as records for Jackson. Names
 * follow the specification; null and empty values are left out of the file.
 */
final class Sarif {

    static final String VERSION = "2.1.0";
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private Sarif() {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Log(@JsonProperty("$schema") String schema, String version, List<Run> runs) {
    }

    /**
     * {@code results} is written even when empty: GitHub closes fixed alerts only on an upload with
     * results. It is iterated while Jackson writes it, so a large run is never in memory whole.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Run(Tool tool, AutomationDetails automationDetails, List<Invocation> invocations,
            @JsonInclude(JsonInclude.Include.ALWAYS) Iterable<Result> results, RunProperties properties) {
    }

    record Tool(ToolComponent driver) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ToolComponent(String name, String version, String semanticVersion, String informationUri,
            List<ReportingDescriptor> rules) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ReportingDescriptor(String id, String name, Message shortDescription, Message fullDescription,
            MultiformatMessage help, String helpUri, Configuration defaultConfiguration, RuleProperties properties) {
    }

    record Message(String text) {
    }

    record MultiformatMessage(String text, String markdown) {
    }

    record Configuration(String level) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record RuleProperties(List<String> tags, @JsonProperty("security-severity") String securitySeverity,
            String precision, String severity, String pack, List<String> compliance) {
    }

    /** {@code id} is the upload category; {@code guid} the scan id, the same in every file of a report set. */
    record AutomationDetails(String id, String guid) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Invocation(boolean executionSuccessful, List<Notification> toolExecutionNotifications) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Notification(String level, Message message, ReportingDescriptorReference associatedRule,
            List<Location> locations) {
    }

    record ReportingDescriptorReference(String id, int index) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Result(String ruleId, int ruleIndex, String kind, String level, Message message, List<Location> locations,
            List<Location> relatedLocations, Fingerprints partialFingerprints, List<Suppression> suppressions,
            ResultProperties properties) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Location(Integer id, PhysicalLocation physicalLocation, List<LogicalLocation> logicalLocations,
            Message message) {
    }

    record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {
    }

    record ArtifactLocation(String uri) {
    }

    record Region(int startLine) {
    }

    record LogicalLocation(String name, String fullyQualifiedName, String kind) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Fingerprints(String primaryLocationLineHash,
            @com.fasterxml.jackson.annotation.JsonProperty("plumbFindingHash/v1") String plumbFindingHash) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Suppression(String kind, String status, String justification) {
    }

    /** Plumb's own result properties: where the finding is and what it rests on. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ResultProperties(String account, String partition, String resource, String outcome,
            Map<String, String> evidence) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record RunProperties(List<String> accounts, List<String> partitions) {
    }
}
