package dev.plumb.reporting;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;

/**
 * Where and how a scan's reports are written.
 *
 * @param outputDirectory directory of the reports; created if missing; files of other tools in it are left alone
 * @param toolVersion     Plumb's version, written into the reports
 * @param secrets         values that must never appear in a report (credentials, session tokens, external ids)
 * @param progress        where progress goes (stderr), or null for none
 * @param liveProgress    progress is a terminal: one line updated in place instead of one line per account
 * @param sarif           SARIF locations and whether to write the full SARIF file too
 * @param scanId          identifies this scan in every report file; null for a new random id
 */
public record ReportOptions(Path outputDirectory, String toolVersion, Set<String> secrets, PrintStream progress,
        boolean liveProgress, SarifOptions sarif, String scanId) {

    public ReportOptions {
        secrets = Set.copyOf(secrets);
        sarif = sarif == null ? SarifOptions.DEFAULT : sarif;
        scanId = scanId == null || scanId.isBlank() ? UUID.randomUUID().toString() : scanId;
    }

    /** Options of a new scan, with a new scan id. */
    public ReportOptions(Path outputDirectory, String toolVersion, Set<String> secrets, PrintStream progress,
            boolean liveProgress, SarifOptions sarif) {
        this(outputDirectory, toolVersion, secrets, progress, liveProgress, sarif, null);
    }
}
