package dev.plumb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;

import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.RulePack;
import dev.plumb.api.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/**
 * How the engine turns what a rule reports into tests, seen through the JUnit Platform's own test
 * kit: every finding a rule reports is one test with a unique id and a unique name, and a bad
 * report call is an ERROR finding, never a failed rule container that takes the rule's findings with it.
 */
class FindingVerdictTest {

    private static final String ACCOUNT = "210987654321";
    private static final String ROOT = "arn:aws:iam::" + ACCOUNT + ":root";

    @TempDir
    Path work;

    @RuleInfo(id = "test_null_then_fail", title = "Reports null, then a FAIL", severity = Severity.HIGH)
    static final class NullThenFail implements Rule {
        @Override
        public void evaluate(Findings findings) {
            findings.report(null);
            findings.fail("arn:aws:s3:::exposed", "Bucket exposed is public.");
        }
    }

    @RuleInfo(id = "test_same_resource", title = "Reports one resource twice", severity = Severity.LOW)
    static final class SameResource implements Rule {
        @Override
        public void evaluate(Findings findings) {
            findings.pass("r", "first of r");
            findings.fail("r", "second of r");
            findings.pass("r#2", "literally r#2");
            findings.pass("r%232", "literally r%232");
            findings.pass("r (2)", "literally r (2)");
            findings.fail("r", "third of r");
        }
    }

    public static final class TestPack implements RulePack {
        @Override
        public List<Class<? extends Rule>> rules() {
            return List.of(NullThenFail.class, SameResource.class);
        }
    }

    @Test
    void aNullReportIsAnErrorFindingAndTheFailAfterItIsATestOfItsOwn() throws Exception {
        EngineExecutionResults results = scan("test_null_then_fail");

        results.containerEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(0).failed(2));
        Event fail = finished(results, "arn:aws:s3:::exposed");
        assertThat(fail.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable())
                .containsInstanceOf(AssertionFailedError.class);
        Event error = finished(results, ROOT);
        assertThat(error.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable())
                .hasValueSatisfying(t -> assertThat(t).isInstanceOf(RuleError.class)
                        .hasMessageContaining("test_null_then_fail").hasMessageContaining("null finding"));
        results.testEvents().failed().assertThatEvents().haveExactly(1,
                finishedWithFailure(instanceOf(AssertionFailedError.class)));
    }

    @Test
    void everyFindingOfARuleHasAUniqueIdAndAUniqueNameWhateverItsResourceIsCalled() throws Exception {
        EngineExecutionResults results = scan("test_same_resource");

        results.containerEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.started(6).succeeded(4).failed(2));
        List<TestDescriptor> tests = results.testEvents().finished().stream().map(Event::getTestDescriptor).toList();
        assertThat(tests).extracting(TestDescriptor::getUniqueId).doesNotHaveDuplicates();
        assertThat(tests).extracting(TestDescriptor::getDisplayName).doesNotHaveDuplicates()
                .contains("r", "r#2", "r%232", "r (2)");
        assertThat(tests).extracting(TestDescriptor::getLegacyReportingName).doesNotHaveDuplicates();
        assertThat(tests).extracting(t -> ((FindingDescriptor) t).finding().resource())
                .containsExactlyInAnyOrder("r", "r", "r", "r#2", "r%232", "r (2)");
        assertThat(tests).filteredOn(t -> ((FindingDescriptor) t).finding().resource().equals("r"))
                .extracting(t -> ((FindingDescriptor) t).finding().message())
                .containsExactlyInAnyOrder("first of r", "second of r", "third of r");
    }

    private EngineExecutionResults scan(String ruleId) throws Exception {
        Path snapshot = Files.writeString(work.resolve("account.json"), """
                {"UserDetailList": [], "GroupDetailList": [], "Policies": [],
                 "RoleDetailList": [{"RoleName": "admin", "Arn": "arn:aws:iam::%s:role/admin",
                                     "AttachedManagedPolicies": []}]}
                """.formatted(ACCOUNT));
        return EngineTestKit.engine(new PlumbTestEngine(RuleCatalog.of(List.of(new TestPack())), List.of(),
                        new ScanCancellation()))
                .selectors(selectUniqueId("[engine:" + PlumbTestEngine.ENGINE_ID + "]"))
                .configurationParameters(java.util.Map.of(PlumbEngineKeys.SNAPSHOTS, snapshot.toString(),
                        PlumbEngineKeys.RULES, ruleId, PlumbEngineKeys.PARALLELISM, "1",
                        PlumbEngineKeys.RULE_TIMEOUT, "30", PlumbEngineKeys.CALL_TIMEOUT, "30"))
                .execute();
    }

    private static Event finished(EngineExecutionResults results, String resource) {
        return results.testEvents().finished().stream()
                .filter(e -> ((FindingDescriptor) e.getTestDescriptor()).finding().resource().equals(resource))
                .findFirst().orElseThrow(() -> new AssertionError("no finding of " + resource));
    }
}
