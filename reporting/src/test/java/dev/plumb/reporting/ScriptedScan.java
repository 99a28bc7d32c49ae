package dev.plumb.reporting;

import io.qameta.allure.AllureResultsWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs a {@link ScriptedEngine} through the real Launcher with the real report listeners. */
final class ScriptedScan {

    private ScriptedScan() {
    }

    static ScanReports run(Path output, SarifOptions sarif, ScriptedEngine engine, TestExecutionListener... more)
            throws IOException {
        return run(output, sarif, engine, UnaryOperator.identity(), more);
    }

    /** A scan whose Allure files go through {@code allureFiles} (to inject write faults). */
    static ScanReports run(Path output, SarifOptions sarif, ScriptedEngine engine,
            UnaryOperator<AllureResultsWriter> allureFiles, TestExecutionListener... more) throws IOException {
        try (ScanReports reports = ScanReports.create(new ReportOptions(output, "1.2.3", Set.of("s3cr3t-value"), null,
                false, sarif), allureFiles)) {
            List<TestExecutionListener> listeners = new java.util.ArrayList<>(reports.listeners());
            listeners.addAll(List.of(more));
            execute(engine, listeners.toArray(TestExecutionListener[]::new));
            reports.finish();
            return reports;
        }
    }

    /** Runs the engine with the reports' listeners, without finishing the reports. */
    static void execute(ScanReports reports, ScriptedEngine engine) {
        execute(engine, reports.listeners().toArray(TestExecutionListener[]::new));
    }

    /** Runs the engine through the real Launcher with these listeners only. */
    static void execute(ScriptedEngine engine, TestExecutionListener... listeners) {
        LauncherConfig config = LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .addTestEngines(engine)
                .build();
        try (LauncherSession session = LauncherFactory.openSession(config)) {
            session.getLauncher().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectUniqueId("[engine:plumb]"))
                    .enableImplicitConfigurationParameters(false).build(),
                    listeners);
        }
    }

    static List<ScriptedEngine.Step> mixed() {
        ScriptedEngine.Rule high = new ScriptedEngine.Rule("demo_rule", "high", "iam,demo");
        ScriptedEngine.Rule critical = new ScriptedEngine.Rule("other_rule", "critical", "s3");
        return List.of(
                ScriptedEngine.Step.of("111111111111", high, "arn:aws:iam::111111111111:role/a", dev.plumb.api.Outcome.PASS,
                        "Role a is fine."),
                ScriptedEngine.Step.of("111111111111", high, "arn:aws:iam::111111111111:role/b", dev.plumb.api.Outcome.FAIL,
                        "Role b is not fine"),
                ScriptedEngine.Step.of("111111111111", critical, "arn:aws:s3:::bucket-one", dev.plumb.api.Outcome.FAIL,
                        "Bucket bucket-one is public."),
                ScriptedEngine.Step.of("222222222222", high, "arn:aws:iam::222222222222:root", dev.plumb.api.Outcome.ERROR,
                        "Rule demo_rule could not evaluate account 222222222222: access denied."),
                ScriptedEngine.Step.of("222222222222", critical, "arn:aws:s3:::bucket-two",
                        dev.plumb.api.Outcome.SKIPPED, "Not in the snapshot."),
                ScriptedEngine.Step.suppressed("222222222222", critical, "arn:aws:s3:::bucket-three",
                        "Bucket bucket-three is public.", "Public website bucket, approved in TICKET-42"));
    }
}
