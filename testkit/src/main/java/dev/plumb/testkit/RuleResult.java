package dev.plumb.testkit;

import dev.plumb.api.Account;
import dev.plumb.api.Finding;
import dev.plumb.api.Outcome;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one run of a rule reported, as Plumb's reports see it: one finding per test, sorted by
 * resource. Errors the engine maps (a rule that throws, cannot be built or runs out of time) are
 * findings on the account itself ({@link Account#rootArn()}); a rule that reports nothing gives one
 * SKIPPED finding there. Check it with {@link RuleResultAssert#assertThat(RuleResult)}.
 */
public final class RuleResult {

    private final Account account;
    private final List<Finding> findings;

    RuleResult(Account account, List<Finding> findings) {
        this.account = account;
        this.findings = List.copyOf(findings);
    }

    /** The account the rule was run in. */
    public Account account() {
        return account;
    }

    /** Every finding, in the order of the reports. */
    public List<Finding> findings() {
        return findings;
    }

    /** The findings with this outcome. */
    public List<Finding> findings(Outcome outcome) {
        return findings.stream().filter(finding -> finding.outcome() == outcome).toList();
    }

    /** One line per finding: outcome, resource, message. */
    @Override
    public String toString() {
        return findings.isEmpty() ? "(no findings)" : findings.stream()
                .map(finding -> finding.outcome() + " " + finding.resource() + ": " + finding.message()
                        + (finding.evidence().isEmpty() ? "" : " " + finding.evidence()))
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
