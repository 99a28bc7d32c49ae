package dev.plumb.reporting;

import java.util.List;

/**
 * What a scan found, counted from the findings the engine reported.
 *
 * @param problems the FAIL and ERROR findings, in report order
 */
public record ScanSummary(int accounts, int rules, int pass, int fail, int error, int skipped, int suppressed,
        List<Problem> problems) {

    public ScanSummary {
        problems = List.copyOf(problems);
    }

    public int findings() {
        return pass + fail + error + skipped + suppressed;
    }

    /** 0 nothing failed, 1 at least one FAIL, 2 at least one ERROR (takes precedence). */
    public int exitCode() {
        return error > 0 ? 2 : fail > 0 ? 1 : 0;
    }

    /** One FAIL or ERROR finding. */
    public record Problem(String outcome, String ruleId, String accountId, String resource, String message) {
    }
}
