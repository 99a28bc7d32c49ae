package dev.plumb.cli;

import dev.plumb.engine.Suppression;
import dev.plumb.internal.report.ReportEntries;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/** Notes which suppressions muted a finding, so that stale ones can be named at the end of the scan. */
final class SuppressionUsage implements TestExecutionListener {

    private final Set<String> used = ConcurrentHashMap.newKeySet();

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        String matched = entry.getKeyValuePairs().get(ReportEntries.SUPPRESSION_ENTRY);
        if (matched != null) {
            used.add(matched);
        }
    }

    List<Suppression> unused(List<Suppression> all) {
        return all.stream().filter(suppression -> !used.contains(suppression.entry())).toList();
    }
}
