package dev.plumb.testplugins.hostile;

import dev.plumb.api.Account;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;

/** A FAIL whose resource and message would clear the screen and forge a line on a terminal. */
@RuleInfo(id = "hostile_control_chars", title = "A rule whose finding holds terminal escapes", severity = Severity.HIGH)
final class ControlCharacters implements Rule {

    static final String NAME = "evil\u001b[2J\u001b[H";

    private final Account account;

    @Inject
    ControlCharacters(Account account) {
        this.account = account;
    }

    @Override
    public void evaluate(Findings findings) {
        findings.fail("arn:aws:iam::" + account.id() + ":role/" + NAME, "role " + NAME
                + " is bad\r  PASS forged\u0007\u009b31m\u202e");
    }
}
