package dev.plumb.testplugins.load;

import dev.plumb.api.Account;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;

/** 15 PASS, 5 FAIL, 5 ERROR (access denied on the key). */
@RuleInfo(id = "load_key_rotation", title = "KMS keys rotate yearly", severity = Severity.LOW, tags = {"kms"})
final class KeyRotation implements Rule {

    private final Account account;

    @Inject
    KeyRotation(Account account) {
        this.account = account;
    }

    @Override
    public void evaluate(Findings findings) {
        for (int i = 0; i < LoadRules.RESOURCES; i++) {
            String arn = "arn:" + account.partition() + ":kms:eu-west-1:" + account.id() + ":key/load-key-" + i;
            if (i % 25 < 15) {
                findings.pass(arn, "Key load-key-" + i + " rotates yearly.");
            } else if (i % 25 < 20) {
                findings.fail(arn, "Key load-key-" + i + " in account " + account.id() + " does not rotate.");
            } else {
                findings.error(arn, "AccessDenied: kms:GetKeyRotationStatus on key load-key-" + i + " in account "
                        + account.id() + "; grant it to the scanning role.");
            }
        }
    }
}
