package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.engine.PlumbEngineKeys;
import dev.plumb.engine.PlumbTestEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@code plumb scan} runs the engine without the Launcher, so that memory stays flat; its report
 * listeners must not be able to tell: the same events, in the same order, as under the real Launcher.
 */
class StreamingExecutionTest {

    private static final Path SNAPSHOTS = Path.of("..", "samples", "snapshots").toAbsolutePath();

    /** Writes down every event it hears, one line each. */
    private static final class Recorder implements TestExecutionListener {

        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private final String name;
        private final List<String> shared;

        Recorder(String name, List<String> shared) {
            this.name = name;
            this.shared = shared;
        }

        private void add(String event) {
            events.add(event);
            shared.add(name + " " + event);
        }

        @Override
        public void testPlanExecutionStarted(TestPlan plan) {
            add("plan started: roots " + plan.getRoots().stream().map(TestIdentifier::getUniqueId).toList()
                    + ", accounts " + plan.getRoots().stream().flatMap(root -> plan.getChildren(root).stream())
                    .map(TestIdentifier::getDisplayName).sorted().toList());
        }

        @Override
        public void testPlanExecutionFinished(TestPlan plan) {
            add("plan finished");
        }

        @Override
        public void dynamicTestRegistered(TestIdentifier test) {
            add("registered " + test.getUniqueId() + " " + test.getDisplayName() + " parent "
                    + test.getParentId().orElse("-"));
        }

        @Override
        public void executionStarted(TestIdentifier test) {
            add("started " + test.getUniqueId() + (test.isTest() ? " test" : " container"));
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            add("skipped " + test.getUniqueId() + ": " + reason);
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            add("finished " + test.getUniqueId() + " " + result.getStatus() + " "
                    + result.getThrowable().map(Throwable::toString).orElse(""));
        }

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            add("entry " + test.getUniqueId() + " " + new TreeMap<>(entry.getKeyValuePairs()).entrySet().stream()
                    .filter(e -> !e.getKey().equals("timestamp")).map(Object::toString)
                    .collect(Collectors.joining(",")));
        }
    }

    private static LauncherDiscoveryRequest scanOfTheSampleSnapshots() {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectUniqueId("[engine:plumb]"))
                .configurationParameter(PlumbEngineKeys.SNAPSHOTS, SNAPSHOTS.resolve("compliant.json") + ","
                        + SNAPSHOTS.resolve("support-on-user-only.json") + "," + SNAPSHOTS.resolve("aws-cn.json"))
                .configurationParameter(PlumbEngineKeys.PARALLELISM, "1")
                .enableImplicitConfigurationParameters(false)
                .build();
    }

    private static void underTheLauncher(TestExecutionListener... listeners) {
        LauncherConfig config = LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .addTestEngines(new PlumbTestEngine())
                .build();
        try (LauncherSession session = LauncherFactory.openSession(config)) {
            session.getLauncher().execute(scanOfTheSampleSnapshots(), listeners);
        }
    }

    @Test
    void theListenersHearWhatTheLauncherWouldTellThemInTheSameOrder() {
        Recorder launcher = new Recorder("launcher", new ArrayList<>());
        underTheLauncher(launcher);
        Recorder streaming = new Recorder("streaming", new ArrayList<>());

        StreamingExecution execution = StreamingExecution.execute(new PlumbTestEngine(), scanOfTheSampleSnapshots(),
                List.of(streaming));

        assertThat(execution.listenerFailure()).isEmpty();
        assertThat(streaming.events).filteredOn(event -> event.startsWith("finished") && event.contains("[resource:"))
                .hasSize(3);
        assertThat(streaming.events).containsExactlyElementsOf(launcher.events);
    }

    @Test
    void theEndOfATestAndOfTheRunReachTheLastListenerFirstAsUnderTheLauncher() {
        List<String> launcherOrder = Collections.synchronizedList(new ArrayList<>());
        underTheLauncher(new Recorder("first", launcherOrder), new Recorder("second", launcherOrder));
        List<String> streamingOrder = Collections.synchronizedList(new ArrayList<>());

        StreamingExecution.execute(new PlumbTestEngine(), scanOfTheSampleSnapshots(),
                List.of(new Recorder("first", streamingOrder), new Recorder("second", streamingOrder)));

        assertThat(streamingOrder).containsExactlyElementsOf(launcherOrder);
        assertThat(streamingOrder.subList(streamingOrder.size() - 2, streamingOrder.size()))
                .containsExactly("second plan finished", "first plan finished");
    }

    @Test
    void aListenerThatThrowsIsReportedAndTheOthersStillHearEveryEvent() {
        Recorder before = new Recorder("before", new ArrayList<>());
        TestExecutionListener broken = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                throw new IllegalStateException("disk full");
            }
        };
        Recorder after = new Recorder("after", new ArrayList<>());
        Recorder alone = new Recorder("alone", new ArrayList<>());
        StreamingExecution.execute(new PlumbTestEngine(), scanOfTheSampleSnapshots(), List.of(alone));

        StreamingExecution execution = StreamingExecution.execute(new PlumbTestEngine(), scanOfTheSampleSnapshots(),
                List.of(before, broken, after));

        assertThat(execution.listenerFailure()).hasValueSatisfying(failure -> assertThat(failure)
                .contains("java.lang.IllegalStateException: disk full"));
        assertThat(before.events).containsExactlyElementsOf(alone.events);
        assertThat(after.events).containsExactlyElementsOf(alone.events);
    }
}
