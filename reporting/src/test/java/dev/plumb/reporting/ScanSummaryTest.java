package dev.plumb.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.api.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanSummaryTest {

    private static ScanSummary summary(int error, Map<Severity, Integer> fails) {
        int failCount = fails.values().stream().mapToInt(Integer::intValue).sum();
        return new ScanSummary(1, 3, 2, failCount, error, 0, 4, List.of(), fails);
    }

    @Test
    void theThresholdCountsFailsAtOrAboveIt() {
        ScanSummary summary = summary(0, Map.of(Severity.LOW, 2, Severity.HIGH, 1));

        assertThat(summary.failsAtOrAbove(Severity.INFORMATIONAL)).isEqualTo(3);
        assertThat(summary.failsAtOrAbove(Severity.MEDIUM)).isEqualTo(1);
        assertThat(summary.exitCode(new ExitPolicy(Severity.HIGH, false))).isEqualTo(1);
        assertThat(summary.exitCode(new ExitPolicy(Severity.CRITICAL, false))).isZero();
        assertThat(summary.exitCode()).isEqualTo(1);
    }

    @Test
    void errorsTakePrecedenceUnlessAllowed() {
        ScanSummary summary = summary(1, Map.of(Severity.LOW, 1));

        assertThat(summary.exitCode()).isEqualTo(2);
        assertThat(summary.exitCode(new ExitPolicy(Severity.INFORMATIONAL, true))).isEqualTo(1);
        assertThat(summary.exitCode(new ExitPolicy(Severity.MEDIUM, true))).isZero();
    }

    @Test
    void suppressedAndSkippedNeverCount() {
        assertThat(summary(0, Map.of()).exitCode()).isZero();
    }
}
