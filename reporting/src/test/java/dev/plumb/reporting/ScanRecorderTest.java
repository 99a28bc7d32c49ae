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

/**
 * Once a finding is written, the recorder keeps in memory only the first ERRORs; the FAILs wait on
 * disk for the SARIF file, which takes the most severe up to GitHub's cap: memory stays flat.
 */
class ScanRecorderTest {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path spool;

    private static final ScriptedEngine.Rule LOW = new ScriptedEngine.Rule("low_rule", "low", "x");
    private static final ScriptedEngine.Rule CRITICAL = new ScriptedEngine.Rule("critical_rule", "critical", "x");

    /** Tells the recorder each finding was written, as the Allure writer does. */
    static TestExecutionListener writer(ScanRecorder recorder) {
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
        ScanRecorder recorder = new ScanRecorder(false, spool);

        ScriptedScan.execute(new ScriptedEngine(steps, List.of()), recorder, writer(recorder));

        assertThat(recorder.kept()).extracting(FindingEvent::resource).containsExactly(
                "arn:aws:s3:::low-0", "arn:aws:s3:::low-1", "arn:aws:s3:::low-2", "arn:aws:s3:::low-3",
                "arn:aws:s3:::critical-a", "arn:aws:s3:::critical-b");
        assertThat(recorder.errors()).extracting(FindingEvent::resource).containsExactly("arn:aws:s3:::error");
        assertThat(recorder.count(Outcome.FAIL)).isEqualTo(6);
        assertThat(recorder.count(Outcome.PASS)).isEqualTo(4);

        JsonNode run = new ObjectMapper().valueToTree(new SarifReport(recorder, "1.2.3", SarifOptions.DEFAULT, null, 3)
                .gitHubLog()).path("runs").get(0);
        assertThat(run.path("results")).extracting(result -> result.path("locations").get(0)
                .path("logicalLocations").get(0).path("fullyQualifiedName").asText())
                .containsExactly("arn:aws:s3:::low-0", "arn:aws:s3:::critical-a", "arn:aws:s3:::critical-b");
        assertThat(run.path("invocations").get(0).path("toolExecutionNotifications").toString())
                .contains("3 of 6 FAIL results were left out");
    }

    @Test
    void keepsTheFirstErrorsInReportOrderUpToTheirCapAndSaysHowManyAreNotListed() throws Exception {
        List<ScriptedEngine.Step> steps = new ArrayList<>();
        for (String account : List.of("333333333333", "111111111111", "222222222222")) {
            for (int i = 0; i < 2; i++) {
                steps.add(JUnitScripts.step(account, LOW, "arn:aws:s3:::denied-" + i, Outcome.ERROR,
                        "denied " + account + " " + i, Map.of()));
            }
        }
        ScanRecorder recorder = new ScanRecorder(false, spool, 3);

        ScriptedScan.execute(new ScriptedEngine(steps, List.of()), recorder, writer(recorder));

        assertThat(recorder.errors()).extracting(f -> f.accountId() + " " + f.resource()).containsExactly(
                "111111111111 arn:aws:s3:::denied-0", "111111111111 arn:aws:s3:::denied-1",
                "222222222222 arn:aws:s3:::denied-0");
        assertThat(recorder.count(Outcome.ERROR)).isEqualTo(6);
        JsonNode notifications = new ObjectMapper().valueToTree(new SarifReport(recorder, "1.2.3",
                SarifOptions.DEFAULT, null, 3).gitHubLog()).path("runs").get(0).path("invocations").get(0)
                .path("toolExecutionNotifications");
        assertThat(notifications).hasSize(4);
        assertThat(notifications.get(3).path("message").path("text").asText())
                .startsWith("3 more ERROR findings are not listed here");
    }

    @Test
    void keepsEveryFindingForTheFullSarifFile() throws Exception {
        ScanRecorder recorder = new ScanRecorder(true, spool);

        ScriptedScan.execute(new ScriptedEngine(JUnitScripts.manyAccounts(2), List.of()), recorder, writer(recorder));

        assertThat(recorder.kept()).hasSize(14);
        assertThat(recorder.kept()).extracting(f -> f.accountId() + " " + f.ruleId() + " " + f.resource())
                .isSorted();
    }
}
