package dev.plumb.cli;

import dev.plumb.api.Severity;
import dev.plumb.engine.PlannedScan;
import dev.plumb.engine.PlumbTestEngine;
import dev.plumb.engine.ScanRequest;
import dev.plumb.engine.Secrets;
import dev.plumb.reporting.ExitPolicy;
import dev.plumb.reporting.ReportDirectoryException;
import dev.plumb.reporting.ReportOptions;
import dev.plumb.reporting.ReportWriteException;
import dev.plumb.reporting.SarifOptions;
import dev.plumb.reporting.ScanReports;
import dev.plumb.reporting.ScanSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/** Runs the plumb engine with the report listeners ({@link StreamingExecution}), then prints the summary. */
final class ScanRunner {

    private static final int PROBLEMS_SHOWN = 20;

    private final Console console;
    private final PlannedScan plan;
    private final boolean quiet;
    private final ExitPolicy policy;

    /** @param plan the scan as the engine planned it: the engine runs that */
    ScanRunner(Console console, PlannedScan plan, boolean quiet, ExitPolicy policy) {
        this.console = console;
        this.plan = plan;
        this.quiet = quiet;
        this.policy = policy;
    }

    int run(ScanRequest request, Path output, Secrets secrets, SarifOptions sarif) {
        Interruption interruption = Interruption.install(console);
        ScanReports reports;
        try {
            PrintStream live = console.terminalErr();
            reports = ScanReports.create(new ReportOptions(output, VersionProvider.version(), secrets.values(),
                    quiet ? null : live != null ? live : console.err(), !quiet && live != null, sarif));
        } catch (IOException e) {
            interruption.finished();
            throw new UsageException("cannot write reports to " + output + ": " + e.getMessage()
                    + ". Choose another --output directory.");
        } catch (ReportDirectoryException e) {
            interruption.finished();
            throw new UsageException(e.getMessage());
        }
        reports.recovery().ifPresent(repaired -> console.problem("note: " + repaired));
        try (reports) {
            LauncherDiscoveryRequest discovery = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectUniqueId("[engine:" + PlumbTestEngine.ENGINE_ID + "]"))
                    .enableImplicitConfigurationParameters(false)
                    .build();
            PlumbTestEngine engine = plan.engine(interruption.cancellation());
            SuppressionUsage suppressions = new SuppressionUsage();
            List<TestExecutionListener> listeners = new ArrayList<>(List.of(interruption.progress()));
            listeners.addAll(reports.listeners());
            listeners.add(suppressions);
            StreamingExecution execution = StreamingExecution.execute(engine, discovery, listeners);
            Optional<String> listenerFailure = execution.listenerFailure();
            if (listenerFailure.isPresent()) {
                console.problem("the reports were not written: " + listenerFailure.get());
                return ExitCodes.ERROR;
            }
            Map<String, Path> written;
            try {
                written = reports.finish();
            } catch (ReportWriteException e) {
                console.problem("the reports were not written: " + e.getMessage());
                return ExitCodes.ERROR;
            }
            ScanSummary summary = reports.summary();
            reports.engineFailure().ifPresent(failure -> console.problem("the scan failed: " + failure));
            print(summary, written);
            reports.warnings().forEach(warning -> console.problem("warning: " + warning));
            suppressions.unused(request.suppressions()).forEach(stale -> console.problem("warning: suppression "
                    + stale.entry() + " (rule " + stale.rule() + ", account " + stale.account() + ", resource "
                    + stale.resource() + ") matched no finding: remove it if the problem is fixed."));
            if (reports.engineFailure().isPresent()) {
                return ExitCodes.ERROR;
            }
            if (interruption.cancellation().isCancelled()) {
                console.problem("interrupted: the reports hold what finished; unfinished rules are ERROR (interrupted)");
            }
            return summary.exitCode(policy);
        } catch (RuntimeException | Error failure) {
            if (interruption.cancellation().isCancelled()) {
                // the shutdown hook lets the JVM go as soon as this method ends: say why first
                console.problem("the reports of the interrupted scan could not be written: " + failure);
            }
            throw failure;
        } finally {
            interruption.finished();
        }
    }

    private void print(ScanSummary summary, Map<String, Path> written) {
        var out = console.out();
        out.println("Plumb " + VersionProvider.version() + ": " + ScanCommand.plural(summary.accounts(), "account")
                + ", " + ScanCommand.plural(summary.rules(), "rule") + ", "
                + ScanCommand.plural(summary.findings(), "finding"));
        out.printf("  PASS %d  FAIL %d  ERROR %d  SKIPPED %d  SUPPRESSED %d%n", summary.pass(), summary.fail(),
                summary.error(), summary.skipped(), summary.suppressed());
        if (policy.failOn() != Severity.INFORMATIONAL) {
            out.printf("  %d of %d FAILs at or above --fail-on %s%n", summary.failsAtOrAbove(policy.failOn()),
                    summary.fail(), policy.failOn().label());
        }
        if (policy.allowErrors() && summary.error() > 0) {
            out.println("  ERRORs do not set the exit code (--allow-errors): the results are incomplete");
        }
        List<ScanSummary.Problem> problems = summary.problems();
        if (!problems.isEmpty()) {
            out.println();
            problems.stream().limit(PROBLEMS_SHOWN).forEach(problem -> out.printf("  %-5s %s %s: %s%n",
                    problem.outcome(), problem.accountId(), problem.ruleId(), ConsoleText.oneLine(problem.message())));
            if (summary.problemCount() > PROBLEMS_SHOWN) {
                out.println("  ... and " + (summary.problemCount() - PROBLEMS_SHOWN) + " more in the reports");
            }
        }
        out.println();
        out.println("Reports:");
        written.forEach((kind, path) -> out.printf("  %-10s %s%n", kind, path));
    }
}
