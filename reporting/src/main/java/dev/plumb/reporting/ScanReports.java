package dev.plumb.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.launcher.TestExecutionListener;

/**
 * The reports of one scan. Listeners write into a hidden staging directory inside the output
 * directory; {@link #finish()} scrubs secrets and moves each report into place, replacing only
 * Plumb's own files:
 * <pre>
 * DIR/junit/TEST-plumb.xml    JUnit XML (Jenkins, GitLab, Azure DevOps, GitHub Actions)
 * DIR/allure-results/         Allure 2 results
 * DIR/plumb.sarif             SARIF 2.1.0 for GitHub code scanning: unsuppressed FAILs only
 * DIR/plumb-full.sarif        SARIF 2.1.0 with every outcome (only when asked for)
 * </pre>
 */
public final class ScanReports implements AutoCloseable {

    public static final String JUNIT_DIRECTORY = "junit";
    public static final String ALLURE_DIRECTORY = "allure-results";
    public static final String SARIF_FILE = "plumb.sarif";
    public static final String SARIF_FULL_FILE = "plumb-full.sarif";

    private final ReportOptions options;
    private final Path staging;
    private final SummaryListener summary;
    private final ScanRecorder recorder;
    private final List<TestExecutionListener> listeners = new ArrayList<>();
    private final JUnitXmlReport junit;
    private final List<String> warnings = new ArrayList<>();

    private ScanReports(ReportOptions options, Path staging) {
        this.options = options;
        this.staging = staging;
        this.summary = new SummaryListener();
        this.recorder = new ScanRecorder(options.sarif().full());
        listeners.add(summary);
        listeners.add(recorder);
        if (options.progress() != null) {
            listeners.add(new ProgressListener(options.progress(), options.liveProgress(), System::nanoTime));
        }
        junit = new JUnitXmlReport(staging.resolve(JUNIT_DIRECTORY).resolve(JUnitXmlReport.FILE_NAME),
                staging.resolve(".junit-chunks"), options);
        listeners.add(junit);
        listeners.add(allure(staging.resolve(ALLURE_DIRECTORY)));
    }

    /**
     * Allure's own JUnit Platform listener, registered here once (its ServiceLoader registration
     * must stay disabled, or every result is written twice), with a lifecycle that writes into the
     * staging directory through {@link AllureFindingWriter} instead of the directory named by the
     * {@code allure.results.directory} system property.
     */
    private AllureJunitPlatform allure(Path results) {
        return new AllureJunitPlatform(new AllureLifecycle(
                new AllureFindingWriter(new FileSystemResultsWriter(results), recorder)));
    }

    /**
     * Creates the output directory if needed and a staging directory inside it.
     *
     * @throws IOException when the output path is a file or cannot be created
     */
    public static ScanReports create(ReportOptions options) throws IOException {
        return new ScanReports(options, ReportFiles.prepareOutput(options.outputDirectory()));
    }

    public List<TestExecutionListener> listeners() {
        return List.copyOf(listeners);
    }

    ScanRecorder recorder() {
        return recorder;
    }

    public ScanSummary summary() {
        return summary.summary();
    }

    /** A failure of the engine itself, not of a rule, if there was one. */
    public java.util.Optional<String> engineFailure() {
        return java.util.Optional.ofNullable(summary.engineFailure());
    }

    /** What the reports could not hold, known after {@link #finish()}: one sentence each. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Scrubs and moves the reports into place; returns them by kind, for the summary. */
    public Map<String, Path> finish() {
        Path out = options.outputDirectory();
        Map<String, Path> written = new LinkedHashMap<>();
        try {
            writeSarif();
            new AllureRunFiles().write(staging.resolve(ALLURE_DIRECTORY), recorder, options.toolVersion());
            junit.write();
            new SecretScrubber(options.secrets()).scrubTree(staging);
            ReportFiles.replaceDirectory(staging.resolve(JUNIT_DIRECTORY), out.resolve(JUNIT_DIRECTORY),
                    file -> file.getFileName().toString().matches("TEST-plumb.*\\.xml"));
            written.put("JUnit XML", out.resolve(JUNIT_DIRECTORY).resolve("TEST-plumb.xml"));
            ReportFiles.replaceDirectory(staging.resolve(ALLURE_DIRECTORY), out.resolve(ALLURE_DIRECTORY),
                    AllureRunFiles::isAllureFile);
            written.put("Allure", out.resolve(ALLURE_DIRECTORY));
            ReportFiles.moveFile(staging.resolve(SARIF_FILE), out.resolve(SARIF_FILE));
            written.put("SARIF", out.resolve(SARIF_FILE));
            if (options.sarif().full()) {
                ReportFiles.moveFile(staging.resolve(SARIF_FULL_FILE), out.resolve(SARIF_FULL_FILE));
                written.put("SARIF full", out.resolve(SARIF_FULL_FILE));
            } else {
                Files.deleteIfExists(out.resolve(SARIF_FULL_FILE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports to " + out + ": " + e.getMessage(), e);
        } finally {
            ReportFiles.deleteTree(staging);
        }
        return written;
    }

    private void writeSarif() throws IOException {
        SarifReport sarif = new SarifReport(recorder, options.toolVersion(), options.sarif());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(staging.resolve(SARIF_FILE).toFile(), sarif.gitHubLog());
        sarif.gitHubWarning().ifPresent(warnings::add);
        if (options.sarif().full()) {
            json.writeValue(staging.resolve(SARIF_FULL_FILE).toFile(), sarif.fullLog());
        }
    }

    @Override
    public void close() {
        ReportFiles.deleteTree(staging);
    }
}
