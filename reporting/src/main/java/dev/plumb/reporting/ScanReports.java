package dev.plumb.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.FileSystemResultsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.platform.launcher.TestExecutionListener;

/**
 * The reports of one scan, one set that carries one scan id. Listeners write into a hidden staging
 * directory inside the output directory; {@link #finish()} verifies the staged set
 * and replaces the previous set with it as one unit ({@link ReportSet}), leaving files of other
 * tools alone:
 * <pre>
 * DIR/junit/TEST-plumb.xml    JUnit XML (Jenkins, GitLab, Azure DevOps, GitHub Actions)
 * DIR/allure-results/         Allure 2 results
 * DIR/plumb.sarif             SARIF 2.1.0 for GitHub code scanning: unsuppressed FAILs only
 * DIR/plumb-full.sarif.json   SARIF 2.1.0 with every outcome (only when asked for); not *.sarif, so
 *                             that an upload of the directory DIR does not pick it up
 * </pre>
 */
public final class ScanReports implements AutoCloseable {

    public static final String JUNIT_DIRECTORY = "junit";
    public static final String ALLURE_DIRECTORY = "allure-results";
    public static final String SARIF_FILE = "plumb.sarif";
    public static final String SARIF_FULL_FILE = "plumb-full.sarif.json";

    /** The FAILs waiting for the SARIF file, on disk, inside the staging directory. */
    private static final String SARIF_SPOOL = ".sarif-findings";

    private final ReportOptions options;
    private final ReportSet set;
    private final Path staging;
    private final WriteErrors writeErrors = new WriteErrors();
    private final SummaryListener summary;
    private final ScanRecorder recorder;
    /** The report writers, each hearing of failed containers with the secrets masked. */
    private final List<TestExecutionListener> listeners;
    private final JUnitXmlReport junit;
    private final List<String> warnings = new ArrayList<>();

    private ScanReports(ReportOptions options, ReportSet set, Path staging,
            UnaryOperator<AllureResultsWriter> allureFiles) {
        this.options = options;
        this.set = set;
        this.staging = staging;
        this.summary = new SummaryListener();
        this.recorder = new ScanRecorder(options.sarif().full(), staging.resolve(SARIF_SPOOL));
        List<TestExecutionListener> listeners = new ArrayList<>();
        listeners.add(summary);
        listeners.add(recorder);
        if (options.progress() != null) {
            listeners.add(new ProgressListener(options.progress(), options.liveProgress(), System::nanoTime));
        }
        junit = new JUnitXmlReport(staging.resolve(JUNIT_DIRECTORY).resolve(JUnitXmlReport.FILE_NAME),
                staging.resolve(".junit-chunks"), options);
        listeners.add(junit);
        // Allure's own file writer, into the staging directory rather than the directory named by
        // the allure.results.directory system property
        listeners.add(new AllureFindingListener(
                allureFiles.apply(new FileSystemResultsWriter(staging.resolve(ALLURE_DIRECTORY))), recorder,
                options.scanId(), writeErrors));
        SecretScrubber scrubber = new SecretScrubber(options.secrets());
        this.listeners = listeners.stream().map(scrubber::masking).toList();
    }

    /**
     * Creates the output directory if needed, locks it for this scan, repairs a report set that a
     * killed scan left half replaced, and creates a staging directory inside it.
     *
     * @throws IOException              when the output path is a file or cannot be created
     * @throws ReportDirectoryException when another scan writes into the directory or a report
     *                                  directory in it is a symbolic link
     */
    public static ScanReports create(ReportOptions options) throws IOException {
        return create(options, UnaryOperator.identity());
    }

    /** As {@link #create(ReportOptions)}, with Allure's file writer wrapped (to inject faults in tests). */
    static ScanReports create(ReportOptions options, UnaryOperator<AllureResultsWriter> allureFiles)
            throws IOException {
        ReportSet set = ReportSet.open(options.outputDirectory());
        try {
            return new ScanReports(options, set, set.newStaging(), allureFiles);
        } catch (IOException | RuntimeException e) {
            set.close();
            throw e;
        }
    }

    /** What opening the output directory repaired (a set a killed scan left half replaced), if anything. */
    public java.util.Optional<String> recovery() {
        return set.recovery();
    }

    /** This scan's id, carried by every file of the report set. */
    public String scanId() {
        return options.scanId();
    }

    static boolean isJUnitFile(Path file) {
        return file.getFileName().toString().matches("TEST-plumb.*\\.xml");
    }

    /** The report writers, in the order the scan's events should reach them. */
    public List<TestExecutionListener> listeners() {
        return listeners;
    }

    ReportSet set() {
        return set;
    }

    ScanRecorder recorder() {
        return recorder;
    }

    public ScanSummary summary() {
        return summary.summary();
    }

    /** A failure outside of the findings (the engine, an account or a rule container), if there was one. */
    public java.util.Optional<String> engineFailure() {
        return java.util.Optional.ofNullable(summary.engineFailure());
    }

    /** What the reports could not hold, known after {@link #finish()}: one sentence each. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Completes, verifies and moves the report set into place as one unit; returns the reports by
     * kind, for the summary.
     *
     * @throws ReportWriteException when any report could not be written or moved; the previous set
     *                              stays (or is restored)
     */
    public Map<String, Path> finish() {
        Path out = options.outputDirectory();
        try {
            writeErrors.check();
            writeSarif();
            ReportFiles.deleteTree(staging.resolve(SARIF_SPOOL));
            new AllureRunFiles().write(staging.resolve(ALLURE_DIRECTORY), recorder, options.toolVersion(),
                    options.scanId());
            junit.write();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ReportWriteException("cannot write the reports: " + e.getMessage()
                    + "; the previous reports in " + out + " are unchanged", e);
        }
        ReportSet.verify(staging, options.scanId());
        set.commit(staging, options.scanId());
        Map<String, Path> written = new LinkedHashMap<>();
        written.put("JUnit XML", out.resolve(JUNIT_DIRECTORY).resolve("TEST-plumb.xml"));
        written.put("Allure", out.resolve(ALLURE_DIRECTORY));
        written.put("SARIF", out.resolve(SARIF_FILE));
        if (options.sarif().full()) {
            written.put("SARIF full", out.resolve(SARIF_FULL_FILE));
        }
        return written;
    }

    private void writeSarif() throws IOException {
        SarifReport sarif = new SarifReport(recorder, options.toolVersion(), options.sarif(), options.scanId());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(staging.resolve(SARIF_FILE).toFile(), sarif.gitHubLog());
        sarif.gitHubWarning().ifPresent(warnings::add);
        if (options.sarif().full()) {
            json.writeValue(staging.resolve(SARIF_FULL_FILE).toFile(), sarif.fullLog());
        }
    }

    @Override
    public void close() {
        try {
            recorder.close();
            junit.close();
            if (!java.nio.file.Files.exists(options.outputDirectory().resolve(ReportSet.JOURNAL_FILE))) {
                // a journal that survived a failed restore still needs the staged files
                ReportFiles.deleteTree(staging);
            }
        } finally {
            set.close();
        }
    }
}
