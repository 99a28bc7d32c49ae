package dev.plumb.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The JUnit XML report read the way each CI system reads it, from their published parsing code,
 * on every outcome in one account and in many: GitLab ({@code lib/gitlab/ci/parsers/test/junit.rb}),
 * Jenkins' junit plugin ({@code CaseResult}), Azure DevOps, dorny/test-reporter
 * ({@code java-junit-parser.ts}), mikepenz/action-junit-report ({@code testParser.ts}), and Debian's
 * python3-junitparser as a real parser.
 */
class JUnitReadersTest {

    /** The values of a {@code type} attribute that make Rails cast or refuse an element (ActiveSupport XmlMini). */
    private static final Set<String> RAILS_TYPE_NAMES = Set.of("symbol", "yaml", "array", "hash", "integer", "float",
            "decimal", "boolean", "date", "datetime", "dateTime", "base64Binary", "binary", "file", "string");

    @TempDir
    Path out;

    /** A scan and what its findings say, for comparing with what a reader shows. */
    record Scan(String label, List<ScriptedEngine.Step> steps, List<String> failedAccounts) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Scan> scans() {
        return Stream.of(new Scan("every outcome, one account", JUnitScripts.everyOutcome("111111111111"), List.of()),
                new Scan("every outcome, many accounts and a failed one", JUnitScripts.manyAccounts(3),
                        List.of("999999999999")),
                new Scan("all pass", List.of(JUnitScripts.step("111111111111", JUnitScripts.IAM,
                        "arn:aws:iam::111111111111:role/ok", dev.plumb.api.Outcome.PASS, "Role ok is fine.",
                        Map.of("roles", "ok"))), List.of()));
    }

    private Element report(Scan scan) throws Exception {
        ScriptedScan.run(out, SarifOptions.DEFAULT, new ScriptedEngine(scan.steps(), scan.failedAccounts()));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(out.resolve("junit/TEST-plumb.xml").toFile()).getDocumentElement();
    }

    private static int expectedCases(Scan scan) {
        return scan.steps().size() + scan.failedAccounts().size();
    }

    // ---- GitLab: Hash.from_xml, then create_test_case on each hash ----

    @ParameterizedTest
    @MethodSource("scans")
    void gitLabReadsEveryCaseWithItsStatusTextAndOutput(Scan scan) throws Exception {
        Map<?, ?> root = (Map<?, ?>) railsHash(report(scan));
        Object testcases = root.get("testcase");
        List<?> cases = testcases instanceof List<?> list ? list : List.of(testcases);

        assertThat(cases).hasSize(expectedCases(scan));
        Set<String> keys = new HashSet<>();
        for (Object element : cases) {
            Map<?, ?> data = (Map<?, ?>) element;
            // attachment_path(data['system_out']) calls String#match: an array (two <system-out>) fails the whole file
            assertThat(data.get("system_out")).as("system_out of %s", data.get("name")).isInstanceOf(String.class);
            for (String status : List.of("failure", "error", "skipped")) {
                if (data.containsKey(status)) {
                    assertThat(data.get(status)).as("%s text of %s", status, data.get("name"))
                            .isInstanceOf(String.class).asString().isNotBlank();
                }
            }
            assertThat(keys.add(data.get("classname") + "\n" + data.get("name")))
                    .as("GitLab keeps one test case per name: %s", data.get("name")).isTrue();
        }
        for (ScriptedEngine.Step step : scan.steps()) {
            Map<?, ?> data = find(cases, step);
            String shown = switch (step.outcome()) {
                case FAIL -> (String) data.get("failure");
                case ERROR -> (String) data.get("error");
                case SKIPPED, SUPPRESSED -> (String) data.get("skipped");
                case PASS -> {
                    assertThat(data.keySet().stream().map(String::valueOf).toList()).doesNotContain("failure", "error", "skipped");
                    yield (String) data.get("system_out");
                }
            };
            assertThat(shown).contains(step.message());
            step.evidence().forEach((key, value) ->
                    assertThat((String) data.get("system_out")).contains(key + ": " + value));
        }
    }

    private static Map<?, ?> find(List<?> cases, ScriptedEngine.Step step) {
        String name = step.rule().id() + " [" + step.account() + "] " + step.resource();
        return cases.stream().map(c -> (Map<?, ?>) c).filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("GitLab shows no test case " + name));
    }

    /**
     * ActiveSupport's {@code Hash.from_xml} for one element: attributes and children become keys
     * (a repeated child becomes an array, {@code -} in names becomes {@code _}), an element with
     * text becomes its text (its attributes dropped) unless its {@code type} attribute names a Rails
     * type, which casts the text or refuses the document.
     */
    private static Object railsHash(Element element) {
        Map<String, Object> hash = new LinkedHashMap<>();
        for (int i = 0; i < element.getAttributes().getLength(); i++) {
            Node attribute = element.getAttributes().item(i);
            hash.put(attribute.getNodeName().replace('-', '_'), attribute.getNodeValue());
        }
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                String key = childElement.getTagName().replace('-', '_');
                Object value = railsHash(childElement);
                Object previous = hash.get(key);
                if (previous == null && !hash.containsKey(key)) {
                    hash.put(key, value);
                } else if (previous instanceof RailsArray array) {
                    array.add(value);
                } else {
                    RailsArray array = new RailsArray();
                    array.add(previous);
                    array.add(value);
                    hash.put(key, array);
                }
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        Object type = hash.get("type");
        if (type instanceof String name && RAILS_TYPE_NAMES.contains(name)) {
            throw new AssertionError("type=\"" + name + "\" on <" + element.getTagName() + "> makes Rails cast or"
                    + " refuse it: GitLab would fail to parse the report");
        }
        if (!text.toString().isBlank()) {
            return text.toString();
        }
        return hash.isEmpty() ? null : hash;
    }

    /** An array made from a repeated element. */
    private static final class RailsArray extends ArrayList<Object> {
    }

    // ---- Jenkins junit plugin: CaseResult ----

    @ParameterizedTest
    @MethodSource("scans")
    void jenkinsShowsTheMessageAndTheEvidenceOfTheFirstSystemOut(Scan scan) throws Exception {
        Element suite = report(scan);
        List<Element> cases = children(suite, "testcase");
        assertThat(cases).hasSize(expectedCases(scan));
        int failed = 0;
        int skipped = 0;
        for (ScriptedEngine.Step step : scan.steps()) {
            Element testCase = byName(cases, step);
            // stdout = testCase.elementText("system-out"): the first one
            String stdout = child(testCase, "system-out").map(Element::getTextContent).orElse(null);
            assertThat(stdout).contains("message: " + step.message());
            step.evidence().forEach((key, value) -> assertThat(stdout).contains(key + ": " + value));
            // errorDetails = message attribute of <error>, else of <failure>; failure and error both count as failed
            Optional<Element> problem = child(testCase, "error").or(() -> child(testCase, "failure"));
            Optional<Element> skip = child(testCase, "skipped");
            switch (step.outcome()) {
                case FAIL, ERROR -> {
                    assertThat(problem.orElseThrow().getAttribute("message")).isEqualTo(step.message());
                    failed++;
                }
                case SKIPPED -> {
                    assertThat(skip.orElseThrow().getAttribute("message")).isEqualTo(step.message());
                    skipped++;
                }
                case SUPPRESSED -> {
                    assertThat(skip.orElseThrow().getAttribute("message")).isEqualTo("Suppressed: " + step.suppression());
                    skipped++;
                }
                case PASS -> assertThat(problem.isPresent() || skip.isPresent()).isFalse();
            }
        }
        failed += scan.failedAccounts().size();
        assertThat(Integer.parseInt(suite.getAttribute("failures")) + Integer.parseInt(suite.getAttribute("errors")))
                .isEqualTo(failed);
        assertThat(Integer.parseInt(suite.getAttribute("skipped"))).isEqualTo(skipped);
        assertThat(Integer.parseInt(suite.getAttribute("tests"))).isEqualTo(expectedCases(scan));
    }

    // ---- Azure DevOps (PublishTestResults, JUnit): failure and error are Failed, skipped NotExecuted ----

    @ParameterizedTest
    @MethodSource("scans")
    void azureDevOpsCountsFailuresAndErrorsAsFailedAndTheSuiteAgrees(Scan scan) throws Exception {
        Element suite = report(scan);
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (Element testCase : children(suite, "testcase")) {
            String outcome = child(testCase, "failure").or(() -> child(testCase, "error")).isPresent() ? "Failed"
                    : child(testCase, "skipped").isPresent() ? "NotExecuted" : "Passed";
            outcomes.merge(outcome, 1, Integer::sum);
            assertThat(Double.parseDouble(testCase.getAttribute("time"))).isNotNegative();
        }
        long fails = scan.steps().stream().filter(s -> s.outcome() == dev.plumb.api.Outcome.FAIL
                || s.outcome() == dev.plumb.api.Outcome.ERROR).count() + scan.failedAccounts().size();
        assertThat(outcomes.getOrDefault("Failed", 0)).isEqualTo((int) fails);
        assertThat(outcomes.getOrDefault("Failed", 0)).isEqualTo(Integer.parseInt(suite.getAttribute("failures"))
                + Integer.parseInt(suite.getAttribute("errors")));
        assertThat(outcomes.getOrDefault("NotExecuted", 0)).isEqualTo(Integer.parseInt(suite.getAttribute("skipped")));
    }

    // ---- dorny/test-reporter and mikepenz/action-junit-report ----

    @ParameterizedTest
    @MethodSource("scans")
    void gitHubActionsShowTheOutcomeAndMessageOfEveryProblem(Scan scan) throws Exception {
        Element suite = report(scan);
        for (ScriptedEngine.Step step : scan.steps()) {
            Element testCase = byName(children(suite, "testcase"), step);
            Optional<Element> problem = child(testCase, "failure").or(() -> child(testCase, "error"));
            if (step.outcome() == dev.plumb.api.Outcome.FAIL || step.outcome() == dev.plumb.api.Outcome.ERROR) {
                // dorny: message = failure.$.type + ': ' + failure.$.message
                Element failure = problem.orElseThrow();
                assertThat(failure.getAttribute("type") + ": " + failure.getAttribute("message"))
                        .isEqualTo(step.outcome().name() + ": " + step.message());
                // mikepenz: message = (issue._attributes.message || stack trace || name).trim()
                assertThat(failure.getAttribute("message").strip()).isEqualTo(step.message());
            } else {
                assertThat(problem).isEmpty();
            }
            // dorny drops the class name when it equals the suite name: it never does here
            assertThat(testCase.getAttribute("classname")).isNotEqualTo(suite.getAttribute("name"))
                    .isEqualTo("plumb." + step.account() + "." + step.rule().id());
        }
    }

    // ---- python3-junitparser, run for real ----

    private static final String JUNITPARSER_SCRIPT = """
            import json, sys
            from junitparser import JUnitXml, TestSuite
            xml = JUnitXml.fromfile(sys.argv[1])
            suites = [xml] if isinstance(xml, TestSuite) else list(xml)
            out = []
            for suite in suites:
                declared = [suite.tests, suite.failures, suite.errors, suite.skipped]
                cases = []
                for case in suite:
                    results = case.result
                    first = results[0] if results else None
                    cases.append({"name": case.name, "classname": case.classname, "time": case.time,
                                  "result": first._tag if first is not None else "passed",
                                  "message": first.message if first is not None else None,
                                  "results": len(results), "system_out": case.system_out})
                suite.update_statistics()
                out.append({"declared": declared,
                            "counted": [suite.tests, suite.failures, suite.errors, suite.skipped], "cases": cases})
            print(json.dumps(out))
            """;

    @ParameterizedTest
    @MethodSource("scans")
    void junitParserReadsCountsMessagesAndEvidence(Scan scan) throws Exception {
        String python = junitParserPython();
        report(scan);
        Path script = Files.writeString(out.resolve("read.py"), JUNITPARSER_SCRIPT);
        Process process = new ProcessBuilder(python, script.toString(), out.resolve("junit/TEST-plumb.xml").toString())
                .redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();

        JsonNode suites = new ObjectMapper().readTree(printed);
        assertThat(suites).hasSize(1);
        JsonNode suite = suites.get(0);
        assertThat(suite.get("declared")).isEqualTo(suite.get("counted"));
        assertThat(suite.get("declared").get(0).asInt()).isEqualTo(expectedCases(scan));
        Map<String, JsonNode> cases = new LinkedHashMap<>();
        suite.get("cases").forEach(c -> cases.put(c.get("name").asText(), c));
        for (ScriptedEngine.Step step : scan.steps()) {
            JsonNode read = cases.get(step.rule().id() + " [" + step.account() + "] " + step.resource());
            assertThat(read).as("junitparser reads %s", step.resource()).isNotNull();
            assertThat(read.get("results").asInt()).isLessThanOrEqualTo(1);
            String expected = switch (step.outcome()) {
                case PASS -> "passed";
                case FAIL -> "failure";
                case ERROR -> "error";
                case SKIPPED, SUPPRESSED -> "skipped";
            };
            assertThat(read.get("result").asText()).isEqualTo(expected);
            if (step.outcome() != dev.plumb.api.Outcome.PASS) {
                assertThat(read.get("message").asText()).isEqualTo(step.outcome() == dev.plumb.api.Outcome.SUPPRESSED
                        ? "Suppressed: " + step.suppression() : step.message());
            }
            String systemOut = read.get("system_out").asText();
            assertThat(systemOut).contains("message: " + step.message());
            step.evidence().forEach((key, value) -> assertThat(systemOut).contains(key + ": " + value));
        }
    }

    /** Debian's python3 with python3-junitparser; CI must have it, elsewhere the test says how to get it. */
    private static String junitParserPython() throws IOException, InterruptedException {
        for (String python : List.of("/usr/bin/python3", "python3")) {
            try {
                Process probe = new ProcessBuilder(python, "-c", "import junitparser").redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return python;
                }
            } catch (IOException notThere) {
                // try the next one
            }
        }
        String help = "python3-junitparser is not installed: apt-get install -y python3-junitparser";
        if (System.getenv("CI") != null) {
            throw new AssertionError(help + " (.ci/run installs it)");
        }
        Assumptions.abort(help);
        return null;
    }

    // ---- helpers ----

    private static Element byName(List<Element> cases, ScriptedEngine.Step step) {
        String name = step.rule().id() + " [" + step.account() + "] " + step.resource();
        return cases.stream().filter(c -> c.getAttribute("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no test case " + name));
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Optional<Element> child(Element parent, String tag) {
        return children(parent, tag).stream().findFirst();
    }
}
