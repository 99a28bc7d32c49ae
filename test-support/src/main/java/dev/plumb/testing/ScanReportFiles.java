package dev.plumb.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The reports of one scan on disk, read back finding by finding: JUnit XML, Allure results and
 * the full SARIF file, each reduced to "test case name -> outcome" in JUnit XML's vocabulary
 * (PASS, FAIL, ERROR, SKIPPED), so that tests can check that the formats agree.
 */
public record ScanReportFiles(Path directory) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JUnitXml junit() {
        return JUnitXml.parse(directory.resolve("junit/TEST-plumb.xml")).assertConsistent();
    }

    public Map<String, String> junitOutcomes() {
        Map<String, String> outcomes = new TreeMap<>();
        junit().cases().forEach(testCase -> outcomes.put(testCase.name(), testCase.outcome()));
        return outcomes;
    }

    /** Every {@code *-result.json} in allure-results. */
    public List<JsonNode> allureResults() {
        try (Stream<Path> files = Files.list(directory.resolve("allure-results"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-result.json")).sorted()
                    .map(ScanReportFiles::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, String> allureOutcomes() {
        Map<String, String> outcomes = new TreeMap<>();
        for (JsonNode result : allureResults()) {
            String status = result.path("status").asText();
            String outcome = switch (status) {
                case "passed" -> "PASS";
                case "failed" -> "FAIL";
                case "broken" -> "ERROR";
                case "skipped" -> "SKIPPED";
                default -> throw new AssertionError("unexpected Allure status " + status + " in " + result);
            };
            if (outcomes.put(result.path("name").asText(), outcome) != null) {
                throw new AssertionError("Allure result written twice: " + result.path("name").asText());
            }
        }
        return outcomes;
    }

    public JsonNode sarif(String file) {
        return read(directory.resolve(file));
    }

    /** The full SARIF file's results, named like JUnit XML test cases. */
    public Map<String, String> fullSarifOutcomes() {
        Map<String, String> outcomes = new TreeMap<>();
        for (JsonNode result : sarif("plumb-full.sarif.json").path("runs").get(0).path("results")) {
            JsonNode properties = result.path("properties");
            String name = result.path("ruleId").asText() + " [" + properties.path("account").asText() + "] "
                    + properties.path("resource").asText();
            String outcome = properties.path("outcome").asText();
            String kind = result.path("kind").asText();
            boolean suppressed = !result.path("suppressions").isEmpty();
            String expectedKind = switch (outcome) {
                case "PASS" -> "pass";
                case "FAIL", "SUPPRESSED" -> "fail";
                case "ERROR" -> "open";
                case "SKIPPED" -> "notApplicable";
                default -> throw new AssertionError("unexpected outcome " + outcome);
            };
            if (!kind.equals(expectedKind) || suppressed != outcome.equals("SUPPRESSED")) {
                throw new AssertionError("SARIF kind " + kind + " / suppressions " + suppressed
                        + " do not fit outcome " + outcome + " of " + name);
            }
            if (outcomes.put(name, outcome.equals("SUPPRESSED") ? "SKIPPED" : outcome) != null) {
                throw new AssertionError("SARIF result written twice: " + name);
            }
        }
        return outcomes;
    }

    /** JUnit XML, Allure and the full SARIF name the same findings with the same outcomes. */
    public void assertFormatsAgree() {
        Map<String, String> junit = junitOutcomes();
        Map<String, String> allure = allureOutcomes();
        Map<String, String> sarif = fullSarifOutcomes();
        if (junit.isEmpty() || !junit.equals(allure) || !junit.equals(sarif)) {
            throw new AssertionError("the reports disagree:\n  JUnit XML " + junit + "\n  Allure    " + allure
                    + "\n  SARIF     " + sarif);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
