package dev.plumb.testplugins.misbehaving;

import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;

@RuleInfo(id = "plugin_needs_unbound", title = "A rule that injects a client nobody binds", severity = Severity.MEDIUM,
        tags = "plugin")
final class NeedsUnbound implements Rule {

    /** Stands for an AWS client the pack forgot to bind. */
    interface MissingClient {
        String call();
    }

    private final MissingClient client;

    @Inject
    NeedsUnbound(MissingClient client) {
        this.client = client;
    }

    @Override
    public void evaluate(Findings findings) {
        findings.pass("arn:aws:iam::000000000000:root", client.call());
    }
}
