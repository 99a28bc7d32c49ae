package dev.plumb.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.api.Outcome;
import dev.plumb.api.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aFailedAccountOrRuleContainerIsAnErrorNamedInTheProblemsAndExitTwo(@TempDir Path out) throws Exception {
        ScriptedEngine.Rule rule = new ScriptedEngine.Rule("demo_rule", "high", "iam");
        ScriptedEngine engine = new ScriptedEngine(List.of(ScriptedEngine.Step.of("111111111111", rule,
                "arn:aws:iam::111111111111:role/a", Outcome.PASS, "Role a is fine.")), List.of("333333333333"),
                Map.of("111111111111", "broken_rule"));

        ScanReports reports = ScriptedScan.run(out, SarifOptions.DEFAULT, engine);
        ScanSummary summary = reports.summary();

        assertThat(summary.pass()).isEqualTo(1);
        assertThat(summary.error()).isEqualTo(2);
        assertThat(summary.exitCode()).isEqualTo(2);
        assertThat(summary.problems()).extracting(p -> p.outcome() + " " + p.accountId() + " " + p.ruleId())
                .containsExactly("ERROR 111111111111 broken_rule", "ERROR 333333333333 *");
        assertThat(summary.problems().get(0).message()).contains("rule broken_rule failed in account 111111111111")
                .contains("NullPointerException");
        assertThat(summary.problems().get(1).message()).contains("account 333333333333 failed")
                .contains("cannot assume role in account 333333333333");
        assertThat(reports.engineFailure()).hasValueSatisfying(failure -> assertThat(failure)
                .contains("rule broken_rule failed in account 111111111111").contains("and 1 more"));
    }

    @Test
    void aScanWithoutFailedContainersHasNoEngineFailure(@TempDir Path out) throws Exception {
        ScanReports reports = ScriptedScan.run(out, SarifOptions.DEFAULT, new ScriptedEngine(ScriptedScan.mixed(),
                List.of()));

        assertThat(reports.engineFailure()).isEmpty();
        assertThat(reports.summary().error()).isEqualTo(1);
    }
}
