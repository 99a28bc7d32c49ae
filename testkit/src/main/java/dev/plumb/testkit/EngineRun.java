package dev.plumb.testkit;

import com.google.inject.Module;
import dev.plumb.api.Account;
import dev.plumb.api.Finding;
import dev.plumb.api.Outcome;
import dev.plumb.engine.PlumbTestEngine;
import dev.plumb.engine.RuleCatalog;
import dev.plumb.engine.ScanCancellation;
import dev.plumb.engine.ScanRequest;
import dev.plumb.engine.Secrets;
import dev.plumb.engine.snapshot.SnapshotFiles;
import dev.plumb.internal.report.ReportEntries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/**
 * One run of the engine on the JUnit Platform, and the findings read back from the report entries
 * of its tests, the way every report writer reads them. Each finding's test result is checked
 * against its outcome (FAIL an assertion failure, ERROR another exception, SKIPPED and SUPPRESSED
 * an aborted test), so a rule cannot pass here and be reported otherwise by a scan.
 */
final class EngineRun {

    private EngineRun() {
    }

    static RuleResult run(RuleCatalog catalog, Module accountBindings, boolean stubsOnly, ScanRequest scan,
            Account account) {
        PlumbTestEngine engine = new PlumbTestEngine(catalog, stubsOnly ? List.of(new Unstubbed()) : List.of(),
                new ScanCancellation(), new SnapshotFiles(), new Secrets(), scan)
                .overridingAccountBindings(accountBindings);
        EngineExecutionResults results = EngineTestKit.engine(engine)
                .selectors(DiscoverySelectors.selectUniqueId(UniqueId.forEngine(PlumbTestEngine.ENGINE_ID)))
                .execute();
        results.containerEvents().failed().stream().findFirst().ifPresent(failed -> {
            Throwable cause = failed.getRequiredPayload(TestExecutionResult.class).getThrowable().orElse(null);
            throw new AssertionError("the Plumb engine failed in " + failed.getTestDescriptor().getDisplayName()
                    + ": " + cause, cause);
        });
        Map<UniqueId, Finding> findings = new LinkedHashMap<>();
        results.testEvents().reportingEntryPublished().stream().forEach(event -> {
            Map<String, String> entries = event.getRequiredPayload(ReportEntry.class).getKeyValuePairs();
            if (entries.containsKey(ReportEntries.OUTCOME)) {
                findings.put(event.getTestDescriptor().getUniqueId(), finding(entries));
            }
        });
        results.testEvents().finished().stream().forEach(event -> check(event, findings));
        return new RuleResult(account, new ArrayList<>(findings.values()));
    }

    private static Finding finding(Map<String, String> entries) {
        Map<String, String> evidence = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            if (key.startsWith(ReportEntries.EVIDENCE_PREFIX)) {
                evidence.put(key.substring(ReportEntries.EVIDENCE_PREFIX.length()), value);
            }
        });
        return new Finding(Outcome.valueOf(entries.get(ReportEntries.OUTCOME)), entries.get(ReportEntries.RESOURCE),
                entries.getOrDefault(ReportEntries.MESSAGE, ""), evidence);
    }

    private static void check(Event finished, Map<UniqueId, Finding> findings) {
        TestExecutionResult result = finished.getRequiredPayload(TestExecutionResult.class);
        Finding finding = findings.get(finished.getTestDescriptor().getUniqueId());
        if (finding == null) {
            throw new AssertionError("the Plumb engine ran test " + finished.getTestDescriptor().getUniqueId()
                    + " without a finding: " + result);
        }
        Optional<Throwable> thrown = result.getThrowable();
        boolean consistent = switch (finding.outcome()) {
            case PASS -> result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            case FAIL -> result.getStatus() == TestExecutionResult.Status.FAILED
                    && thrown.filter(AssertionFailedError.class::isInstance).isPresent();
            case ERROR -> result.getStatus() == TestExecutionResult.Status.FAILED
                    && thrown.filter(AssertionError.class::isInstance).isEmpty();
            case SKIPPED, SUPPRESSED -> result.getStatus() == TestExecutionResult.Status.ABORTED;
        };
        if (!consistent) {
            throw new AssertionError("the Plumb engine reported " + finding + " as " + result);
        }
    }
}
