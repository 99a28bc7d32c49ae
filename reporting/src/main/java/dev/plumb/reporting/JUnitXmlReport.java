package dev.plumb.reporting;

import dev.plumb.api.Outcome;
import dev.plumb.internal.report.ReportedFinding;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Plumb's JUnit XML report, written while the scan runs. A finding is written the moment its test
 * finishes, into a chunk file of its rule container (one account x rule), and then forgotten.
 * Accounts run in parallel, but the rules of one account run one after another and the findings
 * of a rule in resource order, so each chunk is already in report order; {@link #write()}
 * concatenates the chunks sorted by account and rule under one {@code <testsuite>} whose counts
 * are the chunks' sums. Memory stays flat in the number of findings.
 *
 * <p>What its readers need, from their parsing code: GitLab turns the XML into a hash, so no child
 * element may repeat within a test case and {@code type} must not be one of Rails' XML type names;
 * Jenkins, junitparser and GitHub actions read the {@code message} attribute and the first
 * {@code <system-out>}; every reader keys test cases by class name and name, so names are unique.
 * The suite's properties are Plumb's own facts, never system properties.
 */
final class JUnitXmlReport implements TestExecutionListener {

    static final String FILE_NAME = "TEST-plumb.xml";
    static final String SUITE_NAME = "plumb";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    /** Test cases of one rule container, written as they finish. */
    private static final class Chunk {
        final String accountId;
        final String ruleId;
        final Path path;
        final Counts counts = new Counts();
        private final OutputStream file;
        private Writer out;
        private XMLStreamWriter xml;

        Chunk(String accountId, String ruleId, Path path) throws IOException {
            this.accountId = accountId;
            this.ruleId = ruleId;
            this.path = path;
            this.file = Files.newOutputStream(path);
            this.out = new OutputStreamWriter(new BufferedOutputStream(file), StandardCharsets.UTF_8);
            this.xml = createWriter(out);
        }

        synchronized void write(TestCase testCase) throws IOException {
            testCase.writeTo(xml);
            counts.add(testCase.outcome());
        }

        synchronized void close() throws IOException {
            if (xml != null) {
                try {
                    xml.flush();
                    xml.close();
                } catch (XMLStreamException e) {
                    throw new IOException("cannot write " + path + ": " + e.getMessage(), e);
                } finally {
                    xml = null;
                    // a writer whose last flush fails (a full disk) leaves its stream open: close the file itself
                    try (file) {
                        out.close();
                    }
                }
            }
        }
    }

    private static final class Counts {
        int tests;
        int failures;
        int errors;
        int skipped;

        void add(Outcome outcome) {
            tests++;
            switch (outcome) {
                case FAIL -> failures++;
                case ERROR -> errors++;
                case SKIPPED, SUPPRESSED -> skipped++;
                default -> { }
            }
        }

        void add(Counts more) {
            tests += more.tests;
            failures += more.failures;
            errors += more.errors;
            skipped += more.skipped;
        }
    }

    private final Path file;
    private final Path chunkDirectory;
    private final String toolVersion;
    private final String scanId;
    private final Supplier<Instant> clock;
    private final LongSupplier nanoClock;
    private final AtomicInteger chunkNumbers = new AtomicInteger();
    private final Map<String, Long> startNanos = new ConcurrentHashMap<>();
    private final Map<String, ReportedFinding> published = new ConcurrentHashMap<>();
    private final Map<String, Chunk> open = new ConcurrentHashMap<>();
    private final List<Chunk> closed = new ArrayList<>();
    private final List<TestCase> containerErrors = new ArrayList<>();
    private final Set<String> accounts = ConcurrentHashMap.newKeySet();
    private final Set<String> rules = ConcurrentHashMap.newKeySet();
    private final Set<String> partitions = ConcurrentHashMap.newKeySet();
    private volatile TestPlan plan;
    private volatile Instant started;
    private volatile long startedNanos;
    private volatile IOException failure;

    JUnitXmlReport(Path file, Path chunkDirectory, ReportOptions options) {
        this(file, chunkDirectory, options.toolVersion(), options.scanId(), Instant::now, System::nanoTime);
    }

    JUnitXmlReport(Path file, Path chunkDirectory, String toolVersion, String scanId, Supplier<Instant> clock,
            LongSupplier nanoClock) {
        this.file = file;
        this.chunkDirectory = chunkDirectory;
        this.toolVersion = toolVersion;
        this.scanId = scanId;
        this.clock = clock;
        this.nanoClock = nanoClock;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        started = clock.get();
        startedNanos = nanoClock.getAsLong();
        for (TestIdentifier root : testPlan.getRoots()) {
            for (TestIdentifier child : testPlan.getChildren(root)) {
                TestEvents.segment(child.getUniqueIdObject(), "account").ifPresent(accounts::add);
            }
        }
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (test.isTest()) {
            startNanos.put(test.getUniqueId(), nanoClock.getAsLong());
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        if (test.isTest()) {
            ReportedFinding.fromEntries(entry.getKeyValuePairs())
                    .ifPresent(finding -> published.put(test.getUniqueId(), finding));
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            finished(test, TestExecutionResult.aborted(new IllegalStateException(reason)), "not run: " + reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
            finished(test, result, null);
            return;
        }
        Chunk chunk = open.remove(test.getUniqueId());
        if (chunk != null) {
            close(chunk);
        }
        if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            containerFailed(test, result);
        }
    }

    private void finished(TestIdentifier test, TestExecutionResult result, String skipReason) {
        Long start = startNanos.remove(test.getUniqueId());
        ReportedFinding entries = published.remove(test.getUniqueId());
        ReportedFinding finding = entries != null ? entries : unpublished(test, result, skipReason);
        long nanos = start == null ? 0 : Math.max(0, nanoClock.getAsLong() - start);
        accounts.add(finding.accountId());
        rules.add(finding.ruleId());
        partitions.add(finding.partition());
        TestCase testCase = new TestCase(finding.ruleId() + " [" + finding.accountId() + "] " + test.getDisplayName(),
                classname(finding.accountId(), finding.ruleId()), nanos, finding);
        String container = test.getParentId().orElse(test.getUniqueId());
        try {
            Chunk chunk = open.computeIfAbsent(container, id -> newChunk(finding));
            chunk.write(testCase);
        } catch (IOException | UncheckedIOException e) {
            fail(e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e);
        }
    }

    private Chunk newChunk(ReportedFinding first) {
        try {
            Files.createDirectories(chunkDirectory);
            return new Chunk(first.accountId(), first.ruleId(),
                    chunkDirectory.resolve("chunk-" + chunkNumbers.incrementAndGet() + ".xml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test of the tree that published no finding (not expected from Plumb's engine): its result says what it was. */
    private ReportedFinding unpublished(TestIdentifier test, TestExecutionResult result, String skipReason) {
        UniqueId id = test.getUniqueIdObject();
        Outcome outcome = switch (result.getStatus()) {
            case SUCCESSFUL -> Outcome.PASS;
            case ABORTED -> Outcome.SKIPPED;
            case FAILED -> result.getThrowable().filter(AssertionError.class::isInstance).isPresent()
                    ? Outcome.FAIL : Outcome.ERROR;
        };
        String message = skipReason != null ? skipReason
                : result.getThrowable().map(TestEvents::describe).orElse(outcome == Outcome.PASS ? ""
                        : "the test ended without a message");
        String ruleId = TestEvents.segment(id, "rule").orElse(parentName(test));
        return new ReportedFinding(outcome, ruleId, TestEvents.segment(id, "account").orElse(""), null,
                test.getDisplayName(), message, null, Map.of(), null, null);
    }

    private String parentName(TestIdentifier test) {
        TestPlan testPlan = plan;
        return test.getParentIdObject().flatMap(parent -> testPlan == null ? Optional.empty()
                : Optional.of(testPlan.getTestIdentifier(parent).getDisplayName())).orElse("unknown");
    }

    /** The engine, an account or a rule that failed outside of any finding is an error test case of its own. */
    private void containerFailed(TestIdentifier container, TestExecutionResult result) {
        UniqueId id = container.getUniqueIdObject();
        String accountId = TestEvents.segment(id, "account").orElse(null);
        String ruleId = TestEvents.segment(id, "rule").orElse(null);
        String message = result.getThrowable().map(TestEvents::describe).orElse("failed without a message");
        String what = ruleId != null ? ruleId + " [" + accountId + "]"
                : accountId != null ? "account " + accountId : "scan";
        ReportedFinding error = new ReportedFinding(Outcome.ERROR, ruleId == null ? "" : ruleId,
                accountId == null ? "" : accountId, null, what, message, null, Map.of(), null, null);
        if (accountId != null) {
            accounts.add(accountId);
        }
        synchronized (containerErrors) {
            containerErrors.add(new TestCase(what + " could not run", classname(accountId, ruleId), 0, error));
        }
    }

    private void close(Chunk chunk) {
        try {
            chunk.close();
        } catch (IOException e) {
            fail(e);
        }
        synchronized (closed) {
            closed.add(chunk);
        }
    }

    /** Closes the chunk files still open (a scan whose reports were not written); idempotent. */
    void close() {
        for (String container : List.copyOf(open.keySet())) {
            Chunk chunk = open.remove(container);
            if (chunk != null) {
                close(chunk);
            }
        }
    }

    private void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
    }

    /**
     * Writes the report file from the chunks: the suite with its counts and properties, then every
     * test case sorted by account, rule and resource. A write error of the whole scan is thrown here.
     */
    void write() throws IOException {
        close();
        if (failure != null) {
            throw new IOException("cannot write the JUnit XML report: " + failure.getMessage(), failure);
        }
        List<Object> parts = new ArrayList<>();
        Counts total = new Counts();
        synchronized (closed) {
            parts.addAll(closed);
            closed.forEach(chunk -> total.add(chunk.counts));
        }
        synchronized (containerErrors) {
            parts.addAll(containerErrors);
            containerErrors.forEach(error -> total.add(error.outcome()));
        }
        parts.sort(Comparator.comparing(JUnitXmlReport::accountOf, NULLS_FIRST)
                .thenComparing(JUnitXmlReport::ruleOf, NULLS_FIRST));
        Files.createDirectories(file.getParent());
        try (OutputStream bytes = new BufferedOutputStream(Files.newOutputStream(file));
                Writer text = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            XMLStreamWriter xml = createWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", SUITE_NAME);
            xml.writeAttribute("tests", Integer.toString(total.tests));
            xml.writeAttribute("failures", Integer.toString(total.failures));
            xml.writeAttribute("errors", Integer.toString(total.errors));
            xml.writeAttribute("skipped", Integer.toString(total.skipped));
            xml.writeAttribute("time", seconds(started == null ? 0 : nanoClock.getAsLong() - startedNanos));
            xml.writeAttribute("timestamp", DateTimeFormatter.ISO_INSTANT.format(
                    (started == null ? clock.get() : started).truncatedTo(ChronoUnit.SECONDS)));
            writeProperties(xml);
            for (Object part : parts) {
                if (part instanceof TestCase error) {
                    error.writeTo(xml);
                } else {
                    xml.flush();
                    text.flush();
                    Files.copy(((Chunk) part).path, bytes);
                }
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        for (Object part : parts) {
            if (part instanceof Chunk chunk) {
                Files.deleteIfExists(chunk.path);
            }
        }
    }

    private void writeProperties(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("properties");
        property(xml, "plumb.version", toolVersion);
        if (scanId != null) {
            property(xml, "plumb.scanId", scanId);
        }
        property(xml, "plumb.partitions", String.join(",", sorted(partitions)));
        property(xml, "plumb.accounts", String.join(",", sorted(accounts)));
        property(xml, "plumb.rules", String.join(",", sorted(rules)));
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", XmlText.attribute(value));
    }

    private static Set<String> sorted(Set<String> values) {
        Set<String> sorted = new TreeSet<>(values);
        sorted.remove("");
        return sorted;
    }

    private static String accountOf(Object part) {
        return part instanceof Chunk chunk ? chunk.accountId : ((TestCase) part).finding().accountId();
    }

    private static String ruleOf(Object part) {
        return part instanceof Chunk chunk ? chunk.ruleId : ((TestCase) part).finding().ruleId();
    }

    static String classname(String accountId, String ruleId) {
        StringBuilder name = new StringBuilder(SUITE_NAME);
        if (accountId != null && !accountId.isEmpty()) {
            name.append('.').append(accountId);
        }
        if (ruleId != null && !ruleId.isEmpty()) {
            name.append('.').append(ruleId);
        }
        return name.toString();
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }


    private static XMLStreamWriter createWriter(Writer out) throws IOException {
        try {
            return XML.createXMLStreamWriter(out);
        } catch (XMLStreamException e) {
            throw new IOException("cannot write XML: " + e.getMessage(), e);
        }
    }

    /** One {@code <testcase>}: its outcome element (if not a pass), then exactly one {@code <system-out>}. */
    record TestCase(String name, String classname, long nanos, ReportedFinding finding) {

        Outcome outcome() {
            return finding.outcome();
        }

        void writeTo(XMLStreamWriter xml) throws IOException {
            try {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("name", XmlText.attribute(name));
                xml.writeAttribute("classname", XmlText.attribute(classname));
                xml.writeAttribute("time", seconds(nanos));
                switch (finding.outcome()) {
                    case FAIL -> outcome(xml, "failure", finding.message(), "FAIL", finding.message());
                    case ERROR -> outcome(xml, "error", finding.message(), "ERROR", finding.message());
                    case SKIPPED -> outcome(xml, "skipped", finding.message(), null, finding.message());
                    case SUPPRESSED -> outcome(xml, "skipped", "Suppressed: " + reason(), null,
                            "Suppressed: " + reason() + "\nFAIL: " + finding.message()
                                    + (finding.suppressionEntry() == null ? ""
                                            : "\nsuppression entry: " + finding.suppressionEntry()));
                    default -> { }
                }
                xml.writeCharacters("\n    ");
                xml.writeStartElement("system-out");
                xml.writeCharacters(XmlText.text(output()));
                xml.writeEndElement();
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            } catch (XMLStreamException e) {
                throw new IOException("cannot write test case " + name + ": " + e.getMessage(), e);
            }
        }

        private String reason() {
            return finding.suppressionReason() == null ? "no reason given" : finding.suppressionReason();
        }

        /**
         * {@code type} is the outcome, for readers that print it before the message (dorny/test-reporter);
         * Surefire's schema has no {@code type} on {@code <skipped>}, so a skip carries the message only.
         */
        private static void outcome(XMLStreamWriter xml, String element, String message, String type, String body)
                throws XMLStreamException {
            xml.writeCharacters("\n    ");
            xml.writeStartElement(element);
            xml.writeAttribute("message", XmlText.attribute(message));
            if (type != null) {
                xml.writeAttribute("type", type);
            }
            xml.writeCharacters(XmlText.text(body));
            xml.writeEndElement();
        }

        /** The finding in plain {@code key: value} lines, the message and the evidence first. */
        private String output() {
            StringBuilder out = new StringBuilder();
            line(out, "outcome", finding.outcome().name());
            line(out, "message", finding.message());
            finding.evidence().forEach((key, value) -> line(out, "evidence." + key, value));
            line(out, "rule", finding.ruleId());
            line(out, "severity", finding.severity() == null ? null : finding.severity().label());
            line(out, "account", finding.accountId());
            line(out, "partition", finding.partition());
            line(out, "resource", finding.resource());
            line(out, "suppression", finding.suppressionReason());
            line(out, "suppression entry", finding.suppressionEntry());
            return out.toString();
        }

        private static void line(StringBuilder out, String key, String value) {
            if (value != null && !value.isEmpty()) {
                out.append(key).append(": ").append(value.replace("\r\n", "\n").replace("\n", "\n  ")).append('\n');
            }
        }
    }
}
