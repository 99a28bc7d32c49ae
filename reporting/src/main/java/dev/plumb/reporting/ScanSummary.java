package dev.plumb.reporting;

import dev.plumb.api.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a scan found, counted from the findings the engine reported.
 *
 * @param problems         the first FAIL and ERROR findings in report order, at most {@value #PROBLEMS_KEPT};
 *                         {@link #problemCount()} says how many there were
 * @param failsBySeverity  the FAIL findings counted by the severity of their rule
 */
public record ScanSummary(int accounts, int rules, int pass, int fail, int error, int skipped, int suppressed,
        List<Problem> problems, Map<Severity, Integer> failsBySeverity) {

    /** How many problems a summary keeps for display. */
    public static final int PROBLEMS_KEPT = 100;

    public ScanSummary {
        problems = List.copyOf(problems);
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        counts.putAll(failsBySeverity);
        failsBySeverity = java.util.Collections.unmodifiableMap(counts);
    }

    /** Every FAIL and ERROR, failed containers included, whether kept in {@link #problems()} or not. */
    public int problemCount() {
        return fail + error;
    }

    public int findings() {
        return pass + fail + error + skipped + suppressed;
    }

    /** FAILs of rules with this severity or a higher one. */
    public int failsAtOrAbove(Severity threshold) {
        return failsBySeverity.entrySet().stream().filter(e -> e.getKey().compareTo(threshold) >= 0)
                .mapToInt(Map.Entry::getValue).sum();
    }

    /** 0 nothing failed, 1 at least one FAIL, 2 at least one ERROR (takes precedence). */
    public int exitCode() {
        return exitCode(ExitPolicy.STRICT);
    }

    /**
     * 2 for an ERROR unless the policy allows errors; 1 for a FAIL at or above the policy's
     * severity; else 0. SKIPPED and SUPPRESSED never count.
     */
    public int exitCode(ExitPolicy policy) {
        if (error > 0 && !policy.allowErrors()) {
            return 2;
        }
        return failsAtOrAbove(policy.failOn()) > 0 ? 1 : 0;
    }

    /** One FAIL or ERROR finding. */
    public record Problem(String outcome, String ruleId, String accountId, String resource, String message) {
    }
}
