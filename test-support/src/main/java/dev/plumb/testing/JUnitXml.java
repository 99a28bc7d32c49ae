package dev.plumb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** A parsed JUnit XML report, with the checks every CI system relies on. */
public record JUnitXml(String suiteName, int tests, int failures, int errors, int skipped, List<TestCase> cases) {

    /**
     * One {@code <testcase>}: outcome is PASS, FAIL, ERROR or SKIPPED; message is the failure/error/skip
     * element's {@code message} attribute (its text when it has none), body its text, output the text of the
     * first {@code <system-out>} (the one Jenkins and junitparser show), children the names of its child
     * elements in document order.
     */
    public record TestCase(String name, String classname, String outcome, String message, String body, String output,
            List<String> children) {
    }

    public static JUnitXml parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(file.toFile());
            Element suite = document.getDocumentElement();
            if (!suite.getTagName().equals("testsuite")) {
                throw new IllegalStateException(file + ": root element is " + suite.getTagName());
            }
            List<TestCase> cases = new ArrayList<>();
            NodeList nodes = suite.getElementsByTagName("testcase");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element testCase = (Element) nodes.item(i);
                String outcome = "PASS";
                String message = null;
                String body = null;
                for (String[] kind : new String[][] {{"failure", "FAIL"}, {"error", "ERROR"}, {"skipped", "SKIPPED"}}) {
                    Optional<Element> child = child(testCase, kind[0]);
                    if (child.isPresent()) {
                        outcome = kind[1];
                        body = child.get().getTextContent();
                        message = child.get().hasAttribute("message") ? child.get().getAttribute("message") : body;
                    }
                }
                List<String> children = new ArrayList<>();
                for (Node node = testCase.getFirstChild(); node != null; node = node.getNextSibling()) {
                    if (node instanceof Element element) {
                        children.add(element.getTagName());
                    }
                }
                String output = child(testCase, "system-out").map(Element::getTextContent).orElse("");
                cases.add(new TestCase(testCase.getAttribute("name"), testCase.getAttribute("classname"), outcome,
                        message, body, output, List.copyOf(children)));
            }
            return new JUnitXml(suite.getAttribute("name"), Integer.parseInt(suite.getAttribute("tests")),
                    Integer.parseInt(suite.getAttribute("failures")), Integer.parseInt(suite.getAttribute("errors")),
                    Integer.parseInt(suite.getAttribute("skipped")), cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse JUnit XML " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every report file under a directory. */
    public static List<JUnitXml> parseAll(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".xml")).sorted().map(JUnitXml::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The counts in the suite's attributes match its test cases, every test case name is unique, no
     * test case repeats a child element (a hash-based reader such as GitLab's turns it into an array
     * and rejects the file), each has exactly one {@code <system-out>}, and every non-pass has a message.
     */
    public JUnitXml assertConsistent() {
        for (TestCase testCase : cases) {
            if (testCase.children().stream().distinct().count() != testCase.children().size()) {
                throw new AssertionError("test case repeats a child element: " + testCase.name() + " "
                        + testCase.children());
            }
            if (!testCase.children().contains("system-out")) {
                throw new AssertionError("test case has no <system-out>: " + testCase.name());
            }
            if (!testCase.outcome().equals("PASS") && (testCase.message() == null || testCase.message().isBlank())) {
                throw new AssertionError("test case " + testCase.name() + " is " + testCase.outcome()
                        + " without a message");
            }
        }
        long fail = count("FAIL");
        long error = count("ERROR");
        long skip = count("SKIPPED");
        if (tests != cases.size() || failures != fail || errors != error || skipped != skip) {
            throw new AssertionError("counts do not add up: tests=" + tests + " failures=" + failures + " errors="
                    + errors + " skipped=" + skipped + " but cases=" + cases.size() + " (" + fail + " failed, " + error
                    + " errors, " + skip + " skipped)");
        }
        Set<String> names = new HashSet<>();
        for (TestCase testCase : cases) {
            if (!names.add(testCase.name())) {
                throw new AssertionError("test case name is not unique: " + testCase.name());
            }
        }
        return this;
    }

    public long count(String outcome) {
        return cases.stream().filter(c -> c.outcome().equals(outcome)).count();
    }

    public TestCase only() {
        if (cases.size() != 1) {
            throw new AssertionError("expected one test case, found " + cases.size() + ": " + cases);
        }
        return cases.get(0);
    }

    private static Optional<Element> child(Element parent, String tag) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }
}
