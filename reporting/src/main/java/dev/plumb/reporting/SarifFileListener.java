package dev.plumb.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.plumb.internal.PlumbVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes Plumb's GitHub-ready SARIF file from any JUnit Platform launcher (Surefire, Gradle, the
 * Console Launcher). Registered by {@link java.util.ServiceLoader}; it does nothing unless the
 * configuration parameter {@value #FILE} names the file to write. {@value #CATEGORY} sets the
 * upload category (default {@code plumb/<partition>/}). The command line writes its own report set
 * and does not load this listener.
 */
public final class SarifFileListener implements TestExecutionListener {

    public static final String FILE = "plumb.sarif.file";
    public static final String CATEGORY = "plumb.sarif.category";

    private ScanRecorder recorder;
    private Path file;
    private Path spool;
    private String category;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        file = testPlan.getConfigurationParameters().get(FILE).map(String::strip).filter(name -> !name.isEmpty())
                .map(Path::of).orElse(null);
        category = testPlan.getConfigurationParameters().get(CATEGORY).orElse(null);
        if (file == null) {
            recorder = null;
            return;
        }
        try {
            spool = Files.createTempDirectory("plumb-sarif-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the SARIF file " + file, e);
        }
        recorder = new ScanRecorder(false, spool);
        if (recorder != null) {
            recorder.testPlanExecutionStarted(testPlan);
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        if (recorder != null) {
            recorder.reportingEntryPublished(test, entry);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (recorder != null) {
            recorder.executionFinished(test, result);
            if (test.isTest()) {
                recorder.written(test.getUniqueId());
            }
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (recorder == null) {
            return;
        }
        SarifReport sarif = new SarifReport(recorder, toolVersion(), new SarifOptions(java.util.Map.of(), false,
                category), ReportOptions.newScanId());
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), sarif.gitHubLog());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SARIF file " + file + " (" + FILE + "): "
                    + e.getMessage(), e);
        } finally {
            recorder = null;
            ReportFiles.deleteTree(spool);
        }
    }

    private static String toolVersion() {
        return PlumbVersion.get();
    }
}
