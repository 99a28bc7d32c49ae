package dev.plumb.testkit;

import dev.plumb.api.Finding;
import dev.plumb.api.Outcome;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the findings of a {@link RuleResult}, in AssertJ's style:
 *
 * <pre>{@code
 * assertThat(result).hasCount(Outcome.FAIL, 1)
 *         .hasFinding("arn:aws:s3:::logs").withOutcome(Outcome.FAIL).withMessageContaining("suspended")
 *         .withEvidence("versioning", "suspended");
 * }</pre>
 */
public final class RuleResultAssert extends AbstractAssert<RuleResultAssert, RuleResult> {

    private RuleResultAssert(RuleResult actual) {
        super(actual, RuleResultAssert.class);
    }

    /** The entry point; import it statically next to AssertJ's {@code assertThat}. */
    public static RuleResultAssert assertThat(RuleResult actual) {
        return new RuleResultAssert(actual);
    }

    /** The one finding of this resource; fails if the rule reported none or several for it. */
    public FindingAssert hasFinding(String resource) {
        isNotNull();
        List<Finding> matching = actual.findings().stream().filter(finding -> finding.resource().equals(resource))
                .toList();
        if (matching.size() != 1) {
            failWithMessage("Expected one finding on %s but found %d; the rule reported:%s", resource,
                    matching.size(), actual);
        }
        return new FindingAssert(matching.get(0), this);
    }

    /**
     * The one finding on the account itself ({@code arn:<partition>:iam::<account>:root}), where the
     * engine reports a rule that throws, cannot be built, runs out of time or reports nothing.
     */
    public FindingAssert hasAccountFinding() {
        isNotNull();
        return hasFinding(actual.account().rootArn());
    }

    /** Exactly {@code count} findings have this outcome. */
    public RuleResultAssert hasCount(Outcome outcome, int count) {
        isNotNull();
        int found = actual.findings(outcome).size();
        if (found != count) {
            failWithMessage("Expected %d %s findings but found %d; the rule reported:%s", count, outcome, found,
                    actual);
        }
        return this;
    }

    /** The findings are on exactly these resources, in this order (the reports' order: sorted). */
    public RuleResultAssert hasResources(String... resources) {
        isNotNull();
        List<String> found = actual.findings().stream().map(Finding::resource).toList();
        if (!found.equals(Arrays.asList(resources))) {
            failWithMessage("Expected findings on %s but found them on %s; the rule reported:%s",
                    Arrays.asList(resources), found, actual);
        }
        return this;
    }
}
