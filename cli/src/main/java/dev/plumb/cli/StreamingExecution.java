package dev.plumb.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.engine.support.store.NamespacedHierarchicalStore;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Runs one engine the way the JUnit Platform Launcher does, minus the Launcher's memory of every
 * test: the Launcher adds each dynamically registered test (each finding) to its {@link TestPlan}
 * and keeps it until the run ends, about a kilobyte per finding. Here the listeners get the static
 * tree (engine, accounts, rules) as the test plan and meet a finding only in the events about it,
 * so memory stays flat however many findings a scan has.
 *
 * <p>As in the Launcher, listeners hear of the end of a test or of the run last one first, and a
 * listener that throws does not stop the scan; unlike the Launcher, the
 * first such failure is not dropped: {@link #listenerFailure()} reports it.
 */
final class StreamingExecution implements EngineExecutionListener {

    private final List<TestExecutionListener> listeners;
    private final Map<UniqueId, TestIdentifier> running = new ConcurrentHashMap<>();
    private final AtomicReference<String> listenerFailure = new AtomicReference<>();
    private final AtomicBoolean rootFinished = new AtomicBoolean();
    private TestDescriptor root;

    private StreamingExecution(List<TestExecutionListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Discovers and executes {@code engine} for {@code request}, telling {@code listeners} as the Launcher would. */
    static StreamingExecution execute(TestEngine engine, LauncherDiscoveryRequest request,
            List<TestExecutionListener> listeners) {
        StreamingExecution execution = new StreamingExecution(listeners);
        execution.run(engine, request);
        return execution;
    }

    /** The first exception a listener threw, as one line, if one did. */
    java.util.Optional<String> listenerFailure() {
        return java.util.Optional.ofNullable(listenerFailure.get());
    }

    private void run(TestEngine engine, LauncherDiscoveryRequest request) {
        root = engine.discover(request, UniqueId.forEngine(engine.getId()));
        TestPlan plan = TestPlan.from(TestDescriptor.containsTests(root), List.of(root),
                request.getConfigurationParameters(), request.getOutputDirectoryCreator());
        notifyAll(listener -> listener.testPlanExecutionStarted(plan));
        try (NamespacedHierarchicalStore<Namespace> store = new NamespacedHierarchicalStore<>(null,
                closeAutoCloseables())) {
            try {
                engine.execute(ExecutionRequest.create(root, this, request.getConfigurationParameters(),
                        request.getOutputDirectoryCreator(), store, CancellationToken.create()));
            } catch (RuntimeException | LinkageError | AssertionError failure) {
                if (!rootFinished.get()) {
                    executionFinished(root, TestExecutionResult.failed(failure));
                }
            }
        } finally {
            notifyInReverse(listener -> listener.testPlanExecutionFinished(plan));
        }
    }

    private static NamespacedHierarchicalStore.CloseAction<Namespace> closeAutoCloseables() {
        return (namespace, key, value) -> {
            if (value instanceof AutoCloseable closeable) {
                closeable.close();
            }
        };
    }

    @Override
    public void dynamicTestRegistered(TestDescriptor test) {
        TestIdentifier identifier = TestIdentifier.from(test);
        running.put(test.getUniqueId(), identifier);
        notifyAll(listener -> listener.dynamicTestRegistered(identifier));
    }

    @Override
    public void executionSkipped(TestDescriptor test, String reason) {
        TestIdentifier identifier = forget(test);
        notifyAll(listener -> listener.executionSkipped(identifier, reason));
    }

    @Override
    public void executionStarted(TestDescriptor test) {
        TestIdentifier identifier = identifier(test);
        notifyAll(listener -> listener.executionStarted(identifier));
    }

    @Override
    public void executionFinished(TestDescriptor test, TestExecutionResult result) {
        TestIdentifier identifier = forget(test);
        if (test == root) {
            rootFinished.set(true);
        }
        notifyInReverse(listener -> listener.executionFinished(identifier, result));
    }

    @Override
    public void reportingEntryPublished(TestDescriptor test, ReportEntry entry) {
        TestIdentifier identifier = identifier(test);
        notifyAll(listener -> listener.reportingEntryPublished(identifier, entry));
    }

    @Override
    public void fileEntryPublished(TestDescriptor test, FileEntry file) {
        TestIdentifier identifier = identifier(test);
        notifyAll(listener -> listener.fileEntryPublished(identifier, file));
    }

    private TestIdentifier identifier(TestDescriptor test) {
        return running.computeIfAbsent(test.getUniqueId(), id -> TestIdentifier.from(test));
    }

    private TestIdentifier forget(TestDescriptor test) {
        TestIdentifier identifier = running.remove(test.getUniqueId());
        return identifier != null ? identifier : TestIdentifier.from(test);
    }

    private interface Call {
        void on(TestExecutionListener listener);
    }

    private void notifyAll(Call call) {
        listeners.forEach(listener -> notify(listener, call));
    }

    /** As the Launcher does for the end of a test or of the run: the last listener first. */
    private void notifyInReverse(Call call) {
        for (int i = listeners.size() - 1; i >= 0; i--) {
            notify(listeners.get(i), call);
        }
    }

    private void notify(TestExecutionListener listener, Call call) {
        try {
            call.on(listener);
        } catch (RuntimeException | LinkageError | AssertionError failure) {
            listenerFailure.compareAndSet(null, listener.getClass().getSimpleName() + " failed: " + failure);
        }
    }
}
