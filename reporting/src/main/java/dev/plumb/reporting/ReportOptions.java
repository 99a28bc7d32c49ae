package dev.plumb.reporting;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * Where and how a scan's reports are written.
 *
 * @param outputDirectory directory of the reports; created if missing; files of other tools in it are left alone
 * @param toolVersion     Plumb's version, written into the reports
 * @param secrets         values that must never appear in a report (credentials, session tokens, external ids)
 * @param progress        where progress goes (stderr), or null for none
 * @param liveProgress    progress is a terminal: one line updated in place instead of one line per account
 * @param sarif           SARIF locations and whether to write the full SARIF file too
 */
public record ReportOptions(Path outputDirectory, String toolVersion, Set<String> secrets, PrintStream progress,
        boolean liveProgress, SarifOptions sarif) {

    public ReportOptions {
        secrets = Set.copyOf(secrets);
        sarif = sarif == null ? SarifOptions.DEFAULT : sarif;
    }
}
