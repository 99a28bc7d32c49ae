package dev.plumb.reporting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Puts the test cases of a JUnit XML report in a fixed order: by class name (plumb.account.rule)
 * and name (rule, account, resource). The JUnit Platform's writer lists test cases in the order
 * they finished, which under parallelism differs from run to run; CI systems diff and display
 * reports, so two scans of the same accounts must write the same file, times aside.
 */
final class JUnitXmlOrder {

    private static final Comparator<Element> ORDER = Comparator.<Element, String>comparing(e -> e.getAttribute("classname"))
            .thenComparing(e -> e.getAttribute("name"));

    private JUnitXmlOrder() {
    }

    static void sortTree(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".xml")).sorted().toList()) {
                sort(file);
            }
        }
    }

    static void sort(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setCoalescing(false);
            Document document = factory.newDocumentBuilder().parse(file.toFile());
            Element suite = document.getDocumentElement();
            List<Element> cases = new ArrayList<>();
            List<Node> slots = new ArrayList<>();
            for (Node node = suite.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && element.getTagName().equals("testcase")) {
                    cases.add(element);
                }
            }
            List<Element> sorted = cases.stream().sorted(ORDER).toList();
            if (sorted.equals(cases)) {
                return;
            }
            for (Element testCase : cases) {
                Node slot = document.createComment("slot");
                suite.replaceChild(slot, testCase);
                slots.add(slot);
            }
            for (int i = 0; i < slots.size(); i++) {
                suite.replaceChild(sorted.get(i), slots.get(i));
            }
            TransformerFactory transformers = TransformerFactory.newInstance();
            transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer writer = transformers.newTransformer();
            writer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            document.setXmlStandalone(true);
            Path sortedFile = file.resolveSibling(file.getFileName() + ".sorted");
            writer.transform(new DOMSource(document), new StreamResult(sortedFile.toFile()));
            Files.move(sortedFile, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot order the test cases of " + file + ": " + e.getMessage(), e);
        }
    }
}
