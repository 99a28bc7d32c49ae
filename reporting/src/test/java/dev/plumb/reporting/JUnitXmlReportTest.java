package dev.plumb.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plumb.api.Outcome;
import dev.plumb.testing.JUnitXml;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Plumb's JUnit XML writer: schema-valid, well-formed for any text, sorted, streaming, Plumb's facts only. */
class JUnitXmlReportTest {

    @TempDir
    Path out;

    private Path scan(List<ScriptedEngine.Step> steps, List<String> failedAccounts,
            TestExecutionListener... more) throws IOException {
        ScriptedScan.run(out, SarifOptions.DEFAULT, new ScriptedEngine(steps, failedAccounts), more);
        return out.resolve("junit/TEST-plumb.xml");
    }

    @Test
    void validAgainstJenkinsAndSurefireSchemasForEveryOutcomeOneAccountAndMany() throws Exception {
        for (List<ScriptedEngine.Step> steps : List.of(JUnitScripts.everyOutcome("111111111111"),
                JUnitScripts.manyAccounts(4), List.<ScriptedEngine.Step>of())) {
            Path xml = scan(steps, List.of("999999999999"));
            for (String schema : List.of("jenkins-junit-10.xsd", "surefire-test-report.xsd")) {
                URL url = getClass().getResource("/junit-schemas/" + schema);
                SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(url).newValidator()
                        .validate(new StreamSource(xml.toFile()));
            }
        }
    }

    @Test
    void everyOutcomeHasItsElementMessageTypeAndOneSystemOutWithTheEvidence() throws Exception {
        JUnitXml report = JUnitXml.parse(scan(JUnitScripts.everyOutcome("111111111111"), List.of()))
                .assertConsistent();

        assertThat(report.cases()).extracting(JUnitXml.TestCase::outcome)
                .containsExactly("PASS", "FAIL", "ERROR", "SKIPPED", "SKIPPED");
        assertThat(report.cases()).extracting(JUnitXml.TestCase::children).containsExactly(List.of("system-out"),
                List.of("failure", "system-out"), List.of("error", "system-out"), List.of("skipped", "system-out"),
                List.of("skipped", "system-out"));
        JUnitXml.TestCase fail = report.cases().get(1);
        assertThat(fail.classname()).isEqualTo("plumb.111111111111.iam_rule");
        assertThat(fail.name()).isEqualTo("iam_rule [111111111111] arn:aws:iam::111111111111:role/b-fail");
        assertThat(fail.message()).isEqualTo("Role b-fail has no MFA condition.");
        assertThat(fail.output()).contains("message: Role b-fail has no MFA condition.\n")
                .contains("evidence.principal: arn:aws:iam::111111111111:root\n").contains("evidence.condition: none\n")
                .contains("resource: arn:aws:iam::111111111111:role/b-fail\n").contains("partition: aws\n")
                .contains("severity: high\n");
        JUnitXml.TestCase suppressed = report.cases().get(4);
        assertThat(suppressed.message()).isEqualTo("Suppressed: Break-glass role, reviewed in SEC-9");
        assertThat(suppressed.body()).contains("FAIL: Role e-suppressed has no MFA condition.");
        assertThat(suppressed.output()).contains("outcome: SUPPRESSED\n")
                .contains("suppression: Break-glass role, reviewed in SEC-9\n");
        Document document = parse(out.resolve("junit/TEST-plumb.xml"));
        assertThat(((Element) document.getElementsByTagName("failure").item(0)).getAttribute("type")).isEqualTo("FAIL");
        assertThat(((Element) document.getElementsByTagName("error").item(0)).getAttribute("type")).isEqualTo("ERROR");
    }

    @Test
    void suiteCountsAddUpAndPropertiesArePlumbsOwnFactsOnly() throws Exception {
        System.setProperty("plumb.test.token", "tok-9f8e7d6c5b4a-secret");
        try {
            Path xml = scan(JUnitScripts.manyAccounts(3), List.of("999999999999"));
            JUnitXml report = JUnitXml.parse(xml).assertConsistent();
            assertThat(report.tests()).isEqualTo(3 * 7 + 1);
            assertThat(report.failures()).isEqualTo(3 * 2);
            assertThat(report.errors()).isEqualTo(3 + 1);
            assertThat(report.skipped()).isEqualTo(3 * 2);

            Element suite = parse(xml).getDocumentElement();
            assertThat(suite.getAttribute("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(suite.getAttribute("time")).matches("\\d+\\.\\d{3}");
            Map<String, String> properties = new java.util.LinkedHashMap<>();
            NodeList nodes = suite.getElementsByTagName("property");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element property = (Element) nodes.item(i);
                properties.put(property.getAttribute("name"), property.getAttribute("value"));
            }
            assertThat(properties).containsOnlyKeys("plumb.version", "plumb.scanId", "plumb.partitions",
                    "plumb.accounts", "plumb.rules");
            assertThat(properties).containsEntry("plumb.version", "1.2.3").containsEntry("plumb.partitions", "aws")
                    .containsEntry("plumb.accounts", "100000000000,100000000001,100000000002,999999999999")
                    .containsEntry("plumb.rules", "iam_rule,s3_rule");
            assertThat(properties.get("plumb.scanId")).matches("[0-9a-f-]{36}");

            String text = Files.readString(xml);
            assertThat(text).doesNotContain("tok-9f8e7d6c5b4a-secret").doesNotContain("java.version")
                    .doesNotContain("user.dir");
            for (String value : System.getenv().values()) {
                if (value.length() >= 16) {
                    assertThat(text).as("an environment value").doesNotContain(value);
                }
            }
        } finally {
            System.clearProperty("plumb.test.token");
        }
    }

    @Test
    void sortedByAccountRuleAndResourceWhateverOrderTheyRanIn() throws Exception {
        JUnitXml report = JUnitXml.parse(scan(JUnitScripts.manyAccounts(5), List.of("000000000001")))
                .assertConsistent();

        List<String> keys = report.cases().stream().map(c -> c.classname() + " " + c.name()).toList();
        assertThat(keys).isSorted();
        assertThat(report.cases().get(0).classname()).isEqualTo("plumb.000000000001");
        assertThat(report.cases().get(0).outcome()).isEqualTo("ERROR");
        assertThat(report.cases().get(0).message()).contains("cannot assume role in account 000000000001");
        assertThat(report.cases().get(1).classname()).isEqualTo("plumb.100000000000.iam_rule");
        assertThat(report.cases().get(report.cases().size() - 1).classname()).isEqualTo("plumb.100000000004.s3_rule");
    }

    @Test
    void oneAccountIsSortedByRuleAndResourceToo() throws Exception {
        JUnitXml report = JUnitXml.parse(scan(JUnitScripts.manyAccounts(1), List.of())).assertConsistent();

        assertThat(report.cases()).extracting(c -> c.classname() + " " + c.name()).isSorted().hasSize(7);
        assertThat(report.cases().get(0).classname()).isEqualTo("plumb.100000000000.iam_rule");
    }

    @Test
    void wellFormedForControlCharactersLoneSurrogatesAndCdataEnds() throws Exception {
        String hostile = "bell \u0007 nul \u0000 esc \u001b lone-high \uD800 lone-low \uDC00 end ]]> <tag a=\"b\"> & 'q'"
                + " ffff \uFFFF crlf \r\n emoji \uD83D\uDE00";
        String expected = "bell \uFFFD nul \uFFFD esc \uFFFD lone-high \uFFFD lone-low \uFFFD end ]]> <tag a=\"b\"> & 'q'"
                + " ffff \uFFFD crlf   emoji \uD83D\uDE00";
        List<ScriptedEngine.Step> steps = List.of(JUnitScripts.step("111111111111", JUnitScripts.IAM,
                "arn:aws:iam::111111111111:role/x]]>\u0001", Outcome.FAIL, hostile, Map.of("odd", hostile)));

        JUnitXml report = JUnitXml.parse(scan(steps, List.of())).assertConsistent();

        JUnitXml.TestCase testCase = report.only();
        assertThat(testCase.message()).isEqualTo(expected);
        assertThat(testCase.name()).isEqualTo("iam_rule [111111111111] arn:aws:iam::111111111111:role/x]]>\uFFFD");
        assertThat(testCase.body()).contains("end ]]> <tag a=\"b\"> & 'q'").contains("\uD83D\uDE00")
                .doesNotContain("\u0007").doesNotContain("\r");
        assertThat(testCase.output()).contains("evidence.odd: bell \uFFFD nul");
    }

    @Test
    void aFindingIsOnDiskWhenItsAccountFinishesBeforeTheScanEnds() throws Exception {
        List<String> seen = new ArrayList<>();
        TestExecutionListener probe = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                // listeners hear "finished" in reverse order: by an account's end its rules' chunks are closed
                if (test.getUniqueIdObject().getLastSegment().getType().equals("account")) {
                    seen.add(chunkText() + (Files.exists(out.resolve("junit/TEST-plumb.xml")) ? "REPORT" : ""));
                }
            }
        };

        scan(JUnitScripts.manyAccounts(2), List.of(), probe);

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).contains("s3_rule [100000000001] arn:aws:s3:::bucket-1-b")
                .contains("iam_rule [100000000001] arn:aws:iam::100000000001:role/e-suppressed")
                .doesNotContain("[100000000000]").doesNotContain("REPORT");
        assertThat(seen.get(1)).contains("iam_rule [100000000000] arn:aws:iam::100000000000:role/e-suppressed")
                .doesNotContain("REPORT");
    }

    private String chunkText() {
        try (Stream<Path> files = Files.walk(out)) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("chunk-")).toList()) {
                text.append(Files.readString(file, StandardCharsets.UTF_8));
            }
            return text.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aWriteErrorIsReportedNotSwallowed() throws Exception {
        Path notADirectory = Files.writeString(out.resolve("chunks"), "a file");
        JUnitXmlReport report = new JUnitXmlReport(out.resolve("TEST-plumb.xml"), notADirectory, "1.2.3", "scan-1",
                Instant::now, System::nanoTime);

        ScriptedScan.execute(new ScriptedEngine(JUnitScripts.everyOutcome("111111111111"), List.of()), report);

        assertThatThrownBy(report::write).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot write the JUnit XML report").hasMessageContaining("chunks");
        assertThat(out.resolve("TEST-plumb.xml")).doesNotExist();
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }
}
