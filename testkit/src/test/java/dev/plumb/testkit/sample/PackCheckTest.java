package dev.plumb.testkit.sample;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plumb.testkit.PackCheck;
import org.junit.jupiter.api.Test;

class PackCheckTest {

    @Test
    void aPackThatLoadsPasses() {
        assertThatCode(() -> PackCheck.assertValid(SampleRules.class)).doesNotThrowAnyException();
    }

    @Test
    void aBadRuleIdIsReportedInTheCatalogsOwnWordsAndSoIsAMissingServiceEntry() {
        assertThatThrownBy(() -> PackCheck.assertValid(BrokenPacks.BadIdPack.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("rule id 'Sample-Bad-Id'")
                .hasMessageContaining("must be lower case letters, digits and underscores")
                .hasMessageContaining("META-INF/services/dev.plumb.api.RulePack does not list "
                        + BrokenPacks.BadIdPack.class.getName());
    }

    @Test
    void everyProblemOfARuleIsListed() {
        assertThatThrownBy(() -> PackCheck.assertValid(BrokenPacks.IncompletePack.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("rule sample_no_help (" + BrokenPacks.NoHelpNoInject.class.getName()
                        + ") has no title in its @RuleInfo")
                .hasMessageContaining("has no help file: add sample_no_help.md next to the class")
                .hasMessageContaining("cannot be built by Guice: give it one @Inject constructor");
    }
}
