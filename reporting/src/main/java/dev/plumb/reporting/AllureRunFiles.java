package dev.plumb.reporting;

import dev.plumb.internal.report.RuleMetadata;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The run-level files of Allure results: {@code environment.properties} (tool version, partitions,
 * accounts, rules; never credentials), {@code executor.json} and {@code categories.json}, which
 * tells "not compliant" (failed) from "could not evaluate" (broken) and suppressed findings.
 */
final class AllureRunFiles {

    static final String ENVIRONMENT = "environment.properties";
    static final String EXECUTOR = "executor.json";
    static final String CATEGORIES = "categories.json";

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Category(String name, String description, List<String> matchedStatuses, String messageRegex) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Executor(String name, String type, String buildName, String reportName) {
    }

    static final List<Category> CATEGORY_LIST = List.of(
            new Category("Not compliant", "The rule evaluated the resource and it does not comply (FAIL).",
                    List.of("failed"), null),
            new Category("Could not evaluate", "The rule could not decide: access denied, throttled, the rule "
                    + "failed or timed out (ERROR). Results are incomplete.", List.of("broken"), null),
            new Category("Suppressed", "A FAIL muted by a suppression with a justification (SUPPRESSED).",
                    List.of("skipped"), "(?s)Suppressed: .*"),
            new Category("Not applicable", "The rule does not apply or lacks data, for example in an offline "
                    + "snapshot (SKIPPED).", List.of("skipped"), "(?s)(?!Suppressed: ).*"));

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    void write(Path results, ScanRecorder scan, String toolVersion, String scanId) throws IOException {
        Files.createDirectories(results);
        Properties environment = new Properties();
        environment.setProperty("Plumb", toolVersion);
        environment.setProperty(ReportSet.SCAN_ID_PROPERTY, scanId);
        environment.setProperty("Partition", String.join(", ", scan.partitions()));
        environment.setProperty("Accounts", String.join(", ", scan.accounts()));
        environment.setProperty("Rules", String.join(", ", scan.rules().stream().map(RuleMetadata::id).toList()));
        environment.setProperty("Java", System.getProperty("java.version"));
        try (Writer out = Files.newBufferedWriter(results.resolve(ENVIRONMENT), StandardCharsets.UTF_8)) {
            environment.store(out, "Plumb scan");
        }
        json.writeValue(results.resolve(EXECUTOR).toFile(),
                new Executor("Plumb", "plumb", "Plumb " + toolVersion + " scan " + scanId, "Plumb scan"));
        json.writeValue(results.resolve(CATEGORIES).toFile(), CATEGORY_LIST);
    }

    /** The files a previous run of Plumb left in allure-results; anything else there stays. */
    static boolean isAllureFile(Path file) {
        String name = file.getFileName().toString();
        return name.matches("[0-9a-f-]{36}-(result|container)\\.json") || name.matches("[0-9a-f-]{36}-attachment.*")
                || name.equals(ENVIRONMENT) || name.equals(EXECUTOR) || name.equals(CATEGORIES);
    }
}
