package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * How long an interrupted scan may take to write its reports grows with what it has to write: a
 * fixed 30 s cut off a 25,000-account scan half-way through its reports (bench/interrupt.py
 * measures about 35 s on 2 cores).
 */
class InterruptionGraceTest {

    private static final long ASKED = 1_000_000_000_000L;

    @Test
    void aScanOfFewFindingsGetsThirtySeconds() {
        assertThat(allowed(10, ASKED)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(31));
    }

    @Test
    void theTimeGrowsWithTheFindingsRecorded() {
        assertThat(allowed(25_000, ASKED)).isEqualTo(Duration.ofSeconds(130));
        assertThat(allowed(100_000, ASKED)).isEqualTo(Duration.ofSeconds(430));
    }

    @Test
    void findingsThatKeepArrivingKeepTheDeadlineAhead() {
        long minuteLater = ASKED + Duration.ofMinutes(1).toNanos();
        assertThat(allowed(10, minuteLater)).isEqualTo(Duration.ofSeconds(90));
    }

    private static Duration allowed(long findings, long lastFinding) {
        return Duration.ofNanos(Interruption.deadline(ASKED, findings, lastFinding) - ASKED);
    }
}
