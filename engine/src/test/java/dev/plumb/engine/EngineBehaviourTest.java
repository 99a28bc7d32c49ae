package dev.plumb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.plumb.api.RulePack;
import dev.plumb.engine.snapshot.SnapshotFiles;
import dev.plumb.engine.testrules.BrokenModulePack;
import dev.plumb.engine.testrules.MisbehavingPack;
import dev.plumb.engine.testrules.TimingPack;
import dev.plumb.testing.FaultProxy;
import dev.plumb.testing.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The engine's own behaviour, run through the JUnit Platform test kit with rule packs of the test
 * sources: whatever a rule does (throw, hang, need a binding nobody made, belong to a pack whose
 * module fails), and whatever stops it (the rule and account time limits, a cancelled scan), it is
 * an ERROR finding of that rule in that account; no container fails and every other rule keeps its
 * outcome. The accounts are the caller's own credentials (from the environment), which the rules
 * here never use, so no AWS endpoint is involved; only the time an assumed role takes goes through
 * moto.
 */
class EngineBehaviourTest {

    private static final String FIRST = "111111111111";
    private static final String SECOND = "222222222222";

    @AfterEach
    void forgetTimingState() {
        TimingPack.slowAccount = null;
        TimingPack.cancellation = null;
    }

    @Test
    void eachMisbehaviourIsAnErrorOfThatRuleOnly() {
        EngineExecutionResults results = scan(List.of(new MisbehavingPack(), new BrokenModulePack()),
                new ScanCancellation(), 1, 1, 0, FIRST);

        Map<String, String> outcomes = outcomes(results);
        assertThat(outcomes).containsOnlyKeys(FIRST + "/broken_module", FIRST + "/hangs", FIRST + "/needs_unbound",
                FIRST + "/throws", FIRST + "/well_behaved");
        assertThat(outcomes.get(FIRST + "/well_behaved")).isEqualTo("FAIL fails on purpose");
        assertThat(outcomes.get(FIRST + "/throws")).isEqualTo("ERROR Rule throws could not evaluate account " + FIRST
                + ": java.lang.IllegalStateException: broke on purpose");
        assertThat(outcomes.get(FIRST + "/hangs")).isEqualTo("ERROR Rule hangs did not finish within 1 s in account "
                + FIRST + " and was stopped; its results are incomplete. Raise --rule-timeout or check why the"
                + " account is slow.");
        assertThat(outcomes.get(FIRST + "/needs_unbound")).startsWith("ERROR Rule needs_unbound could not evaluate"
                + " account " + FIRST + ": the rule could not be created: ").contains("MissingClient")
                .doesNotContain("\n");
        assertThat(outcomes.get(FIRST + "/broken_module")).startsWith("ERROR Rule broken_module could not evaluate"
                + " account " + FIRST + ": the Guice modules of rule pack broken-module failed for account " + FIRST
                + ": ").contains("Account").doesNotContain("\n");
        assertThat(results.containerEvents().failed().count()).as("failed containers").isZero();
    }

    @Test
    void anAccountOverItsTimeLimitStopsItsRuleAndSkipsTheRestWithoutHoldingUpTheOthers() {
        TimingPack.slowAccount = FIRST;

        EngineExecutionResults results = scan(List.of(TimingPack.slow()), new ScanCancellation(), 2, 30, 1,
                FIRST, SECOND);

        assertThat(outcomes(results)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                FIRST + "/a_slow", "ERROR Account " + FIRST + " did not finish within its time limit of 1 s; rule"
                        + " a_slow was stopped and its results are incomplete. Raise --account-timeout or check why"
                        + " the account is slow.",
                FIRST + "/b_after", "ERROR Rule b_after was not run in account " + FIRST + ": the account used up"
                        + " its time limit of 1 s. Raise --account-timeout or check why the account is slow.",
                SECOND + "/a_slow", "PASS",
                SECOND + "/b_after", "PASS")));
        assertThat(results.containerEvents().failed().count()).as("failed containers").isZero();
    }

    @Test
    void assumingTheRoleCountsTowardsTheAccountsTimeLimit() {
        String slowToAssume = "333333333333";
        try (FaultProxy proxy = new FaultProxy(MotoServer.shared().endpoint()).inject("sts:AssumeRole",
                FaultProxy.ALWAYS, FaultProxy.answerAfter(Duration.ofSeconds(3)))) {
            ScanRequest request = new ScanRequest(List.of(ScanRequest.Target.caller(FIRST, "aws"),
                    ScanRequest.Target.assumeRole(slowToAssume, "aws", "arn:aws:iam::" + slowToAssume
                            + ":role/PlumbAudit", null)), "us-east-1", null, proxy.endpoint(), List.of(), 2, 30, 10,
                    false, List.of(), 1);

            EngineExecutionResults results = run(List.of(TimingPack.slow()), new ScanCancellation(), request);

            assertThat(outcomes(results)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                    FIRST + "/a_slow", "PASS",
                    FIRST + "/b_after", "PASS",
                    slowToAssume + "/a_slow", "ERROR Rule a_slow was not run in account " + slowToAssume
                            + ": the account used up its time limit of 1 s. Raise --account-timeout or check why"
                            + " the account is slow.",
                    slowToAssume + "/b_after", "ERROR Rule b_after was not run in account " + slowToAssume
                            + ": the account used up its time limit of 1 s. Raise --account-timeout or check why"
                            + " the account is slow.")));
            assertThat(proxy.operations()).contains("sts:AssumeRole");
        }
    }

    @Test
    void aCancelledScanReportsTheRunningRuleAndEverythingAfterItAsInterrupted() {
        ScanCancellation cancellation = new ScanCancellation();
        TimingPack.cancellation = cancellation;

        EngineExecutionResults results = scan(List.of(TimingPack.cancelling()), cancellation, 1, 30, 0, FIRST,
                SECOND);

        String interrupted = "the scan was interrupted (SIGINT)";
        assertThat(outcomes(results)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                FIRST + "/a_cancels", "ERROR Rule a_cancels did not evaluate account " + FIRST + ": " + interrupted
                        + " while the rule was running.",
                FIRST + "/b_after", "ERROR Rule b_after did not evaluate account " + FIRST + ": " + interrupted
                        + " before the rule ran.",
                SECOND + "/a_cancels", "ERROR Rule a_cancels did not evaluate account " + SECOND + ": "
                        + interrupted + " before the rule ran.",
                SECOND + "/b_after", "ERROR Rule b_after did not evaluate account " + SECOND + ": " + interrupted
                        + " before the rule ran.")));
        assertThat(results.containerEvents().failed().count()).as("failed containers").isZero();
    }

    @Test
    void whenNothingSelectsPlumbTheEngineDiscoversNothing() {
        EngineExecutionResults results = EngineTestKit.engine(new PlumbTestEngine(
                        RuleCatalog.of(List.of(new MisbehavingPack())), List.of(), new ScanCancellation()))
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(String.class)).execute();

        assertThat(results.allEvents().count()).as("only the engine's start and finish").isEqualTo(2);
        results.containerEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
    }

    /** Scans the accounts (the caller's own credentials) with the rules of these packs. */
    private static EngineExecutionResults scan(List<RulePack> packs, ScanCancellation cancellation, int parallelism,
            int ruleTimeoutSeconds, int accountTimeoutSeconds, String... accounts) {
        List<ScanRequest.Target> targets = java.util.Arrays.stream(accounts)
                .map(id -> ScanRequest.Target.caller(id, "aws")).toList();
        ScanRequest request = new ScanRequest(targets, "us-east-1", null, null, List.of(), parallelism,
                ruleTimeoutSeconds, 10, false, List.of(), accountTimeoutSeconds);
        return run(packs, cancellation, request);
    }

    private static EngineExecutionResults run(List<RulePack> packs, ScanCancellation cancellation,
            ScanRequest request) {
        return EngineTestKit.engine(new PlumbTestEngine(RuleCatalog.of(packs), List.of(), cancellation,
                        new SnapshotFiles(), new Secrets(), request))
                .selectors(selectUniqueId(UniqueId.forEngine(PlumbTestEngine.ENGINE_ID)))
                .execute();
    }

    /** {@code account/rule} to the outcome of each finding test: PASS, or FAIL/ERROR/ABORTED and the message. */
    private static Map<String, String> outcomes(EngineExecutionResults results) {
        Map<String, String> outcomes = new TreeMap<>();
        results.testEvents().finished().stream().forEach(event -> outcomes.merge(key(event), outcome(event),
                (a, b) -> a + " | " + b));
        return outcomes;
    }

    private static String key(Event event) {
        UniqueId id = event.getTestDescriptor().getUniqueId();
        String account = segment(id, AccountDescriptor.SEGMENT);
        String rule = segment(id, RuleDescriptor.SEGMENT);
        return account + "/" + rule;
    }

    private static String segment(UniqueId id, String type) {
        return id.getSegments().stream().filter(segment -> segment.getType().equals(type))
                .map(UniqueId.Segment::getValue).findFirst().orElseThrow();
    }

    private static String outcome(Event event) {
        TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return "PASS";
        }
        Throwable thrown = result.getThrowable().orElseThrow();
        String kind = thrown instanceof RuleError ? "ERROR"
                : thrown instanceof org.opentest4j.AssertionFailedError ? "FAIL" : "ABORTED";
        return kind + " " + thrown.getMessage();
    }
}
