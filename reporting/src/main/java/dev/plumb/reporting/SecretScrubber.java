package dev.plumb.reporting;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Masks the known secret values (credentials in use, external ids) in the one text of a scan that
 * the engine does not mask where it is made: the failure of a container (the engine, an account, a
 * rule). Findings arrive masked, and the report files are written from them and from Plumb's own
 * facts, so no report file is ever text-replaced.
 */
final class SecretScrubber {

    static final String MASK = "****";
    private static final int SHORTEST_SECRET = 4;

    private final List<String> secrets;

    SecretScrubber(Set<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= SHORTEST_SECRET)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    String scrub(String text) {
        String clean = text;
        for (String secret : secrets) {
            clean = clean.replace(secret, MASK);
        }
        return clean;
    }

    /** {@code listener}, hearing of failed containers with their failures masked. */
    TestExecutionListener masking(TestExecutionListener listener) {
        return secrets.isEmpty() ? listener : new Masking(listener);
    }

    /** A container's failure as text, masked; its stack trace is not kept. */
    private static final class MaskedFailure extends RuntimeException {

        private final String text;

        MaskedFailure(String message, String text) {
            super(message, null, false, false);
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final class Masking implements TestExecutionListener {

        private final TestExecutionListener delegate;

        Masking(TestExecutionListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            delegate.executionFinished(test, test.isContainer() ? masked(result) : result);
        }

        private TestExecutionResult masked(TestExecutionResult result) {
            return result.getThrowable().<TestExecutionResult>map(failure -> {
                MaskedFailure masked = new MaskedFailure(
                        failure.getMessage() == null ? null : scrub(failure.getMessage()), scrub(failure.toString()));
                return result.getStatus() == TestExecutionResult.Status.ABORTED ? TestExecutionResult.aborted(masked)
                        : TestExecutionResult.failed(masked);
            }).orElse(result);
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            delegate.testPlanExecutionStarted(testPlan);
        }

        @Override
        public void testPlanExecutionFinished(TestPlan testPlan) {
            delegate.testPlanExecutionFinished(testPlan);
        }

        @Override
        public void dynamicTestRegistered(TestIdentifier test) {
            delegate.dynamicTestRegistered(test);
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            delegate.executionSkipped(test, reason);
        }

        @Override
        public void executionStarted(TestIdentifier test) {
            delegate.executionStarted(test);
        }

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            delegate.reportingEntryPublished(test, entry);
        }

        @Override
        public void fileEntryPublished(TestIdentifier test, FileEntry file) {
            delegate.fileEntryPublished(test, file);
        }
    }
}
