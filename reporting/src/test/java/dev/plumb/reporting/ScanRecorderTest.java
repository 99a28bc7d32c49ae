package dev.plumb.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumb.api.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/** Once a finding is written, the recorder keeps only what the SARIF file needs: memory stays flat. */
class ScanRecorderTest {

    private static final ScriptedEngine.Rule LOW = new ScriptedEngine.Rule("low_rule", "low", "x");
    private static final ScriptedEngine.Rule CRITICAL = new ScriptedEngine.Rule("critical_rule", "critical", "x");

    /** Tells the recorder each finding was written, as the Allure writer does. */
    private static TestExecutionListener writer(ScanRecorder recorder) {
        return new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    recorder.written(test.getUniqueId());
                }
            }
        };
    }

    @Test
    void keepsTheErrorsAndOnlyTheMostSevereFailsUpToTheCapButCountsThemAll() throws Exception {
        List<ScriptedEngine.Step> steps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            steps.add(JUnitScripts.step("111111111111", LOW, "arn:aws:s3:::low-" + i, Outcome.FAIL, "low " + i, Map.of()));
            steps.add(JUnitScripts.step("111111111111", LOW, "arn:aws:s3:::pass-" + i, Outcome.PASS, "ok", Map.of()));
        }
        steps.add(JUnitScripts.step("222222222222", CRITICAL, "arn:aws:s3:::critical-a", Outcome.FAIL, "crit a", Map.of()));
        steps.add(JUnitScripts.step("222222222222", CRITICAL, "arn:aws:s3:::critical-b", Outcome.FAIL, "crit b", Map.of()));
        steps.add(JUnitScripts.step("222222222222", CRITICAL, "arn:aws:s3:::error", Outcome.ERROR, "denied", Map.of()));
        ScanRecorder recorder = new ScanRecorder(false, 3);

        ScriptedScan.execute(new ScriptedEngine(steps, List.of()), recorder, writer(recorder));

        assertThat(recorder.findings()).extracting(FindingEvent::resource).containsExactly(
                "arn:aws:s3:::low-0", "arn:aws:s3:::critical-a", "arn:aws:s3:::critical-b", "arn:aws:s3:::error");
        assertThat(recorder.count(Outcome.FAIL)).isEqualTo(6);
        assertThat(recorder.count(Outcome.PASS)).isEqualTo(4);

        JsonNode run = new ObjectMapper().valueToTree(new SarifReport(recorder, "1.2.3", SarifOptions.DEFAULT, null, 3)
                .gitHubLog()).path("runs").get(0);
        assertThat(run.path("results")).hasSize(3);
        assertThat(run.path("invocations").get(0).path("toolExecutionNotifications").toString())
                .contains("3 of 6 FAIL results were left out");
    }

    @Test
    void keepsEveryFindingForTheFullSarifFile() throws Exception {
        ScanRecorder recorder = new ScanRecorder(true, 1);

        ScriptedScan.execute(new ScriptedEngine(JUnitScripts.manyAccounts(2), List.of()), recorder, writer(recorder));

        assertThat(recorder.findings()).hasSize(14);
    }
}
