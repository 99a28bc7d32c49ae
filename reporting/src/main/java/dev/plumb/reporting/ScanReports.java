package dev.plumb.reporting;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * The reports of one scan. Listeners write into a hidden staging directory inside the output
 * directory; {@link #finish()} scrubs secrets and moves each report into place, replacing only
 * Plumb's own files:
 * <pre>
 * DIR/junit/TEST-plumb.xml    JUnit XML (Jenkins, GitLab, Azure DevOps, GitHub Actions)
 * </pre>
 */
public final class ScanReports implements AutoCloseable {

    public static final String JUNIT_DIRECTORY = "junit";

    private final ReportOptions options;
    private final Path staging;
    private final SummaryListener summary;
    private final List<TestExecutionListener> listeners = new ArrayList<>();
    private final StringWriter xmlWriterLog = new StringWriter();

    private ScanReports(ReportOptions options, Path staging) {
        this.options = options;
        this.staging = staging;
        this.summary = new SummaryListener();
        listeners.add(summary);
        if (options.progress() != null) {
            listeners.add(new ProgressListener(options.progress(), options.liveProgress(), System::nanoTime));
        }
        listeners.add(new LegacyXmlReportGeneratingListener(staging.resolve(JUNIT_DIRECTORY),
                new PrintWriter(xmlWriterLog)));
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

    public ScanSummary summary() {
        return summary.summary();
    }

    /** A failure of the engine itself, not of a rule, if there was one. */
    public java.util.Optional<String> engineFailure() {
        return java.util.Optional.ofNullable(summary.engineFailure());
    }

    /** Scrubs and moves the reports into place; returns them by kind, for the summary. */
    public Map<String, Path> finish() {
        Path out = options.outputDirectory();
        Map<String, Path> written = new LinkedHashMap<>();
        try {
            JUnitXmlOrder.sortTree(staging.resolve(JUNIT_DIRECTORY));
            new SecretScrubber(options.secrets()).scrubTree(staging);
            ReportFiles.replaceDirectory(staging.resolve(JUNIT_DIRECTORY), out.resolve(JUNIT_DIRECTORY),
                    file -> file.getFileName().toString().matches("TEST-plumb.*\\.xml"));
            written.put("JUnit XML", out.resolve(JUNIT_DIRECTORY).resolve("TEST-plumb.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports to " + out + ": " + e.getMessage(), e);
        } finally {
            ReportFiles.deleteTree(staging);
        }
        return written;
    }

    @Override
    public void close() {
        ReportFiles.deleteTree(staging);
    }
}
