package dev.plumb.testkit;

import dev.plumb.api.Finding;
import dev.plumb.api.Outcome;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one finding, from {@link RuleResultAssert#hasFinding(String)}. */
public final class FindingAssert extends AbstractAssert<FindingAssert, Finding> {

    private final RuleResultAssert result;

    FindingAssert(Finding actual, RuleResultAssert result) {
        super(actual, FindingAssert.class);
        this.result = result;
    }

    /** The finding has this outcome. */
    public FindingAssert withOutcome(Outcome outcome) {
        if (actual.outcome() != outcome) {
            failWithMessage("Expected %s to be %s but it is %s: %s", actual.resource(), outcome, actual.outcome(),
                    actual.message());
        }
        return this;
    }

    /** The finding's message contains this text. */
    public FindingAssert withMessageContaining(String text) {
        if (!actual.message().contains(text)) {
            failWithMessage("Expected the %s finding on %s to say \"%s\" but it says \"%s\"", actual.outcome(),
                    actual.resource(), text, actual.message());
        }
        return this;
    }

    /** The finding's evidence holds this key with this value. */
    public FindingAssert withEvidence(String key, String value) {
        if (!java.util.Objects.equals(value, actual.evidence().get(key))) {
            failWithMessage("Expected evidence %s=%s on %s but it has %s", key, value, actual.resource(),
                    actual.evidence());
        }
        return this;
    }

    /** Back to the whole result, to check another finding. */
    public RuleResultAssert and() {
        return result;
    }
}
