package dev.plumb.testkit.sample;

import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.RulePack;
import dev.plumb.api.Severity;
import java.util.List;

/** Packs that Plumb would reject or load badly; none of them is in the service file. */
public final class BrokenPacks {

    private BrokenPacks() {
    }

    @RuleInfo(id = "Sample-Bad-Id", title = "An id with capitals and dashes", severity = Severity.LOW)
    static final class BadId implements Rule {
        @Override
        public void evaluate(Findings findings) {
        }
    }

    /** No help file ships with this rule, and Guice cannot build it. */
    @RuleInfo(id = "sample_no_help", title = "", severity = Severity.LOW)
    static final class NoHelpNoInject implements Rule {
        NoHelpNoInject(String unused) {
        }

        @Override
        public void evaluate(Findings findings) {
        }
    }

    public static final class BadIdPack implements RulePack {
        @Override
        public List<Class<? extends Rule>> rules() {
            return List.of(BadId.class);
        }
    }

    public static final class IncompletePack implements RulePack {
        @Override
        public List<Class<? extends Rule>> rules() {
            return List.of(NoHelpNoInject.class);
        }
    }
}
