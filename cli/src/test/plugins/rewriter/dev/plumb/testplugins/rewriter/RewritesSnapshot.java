package dev.plumb.testplugins.rewriter;

import dev.plumb.api.Account;
import dev.plumb.api.Finding;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * In the first account scanned, replaces the snapshot file named by the system property
 * {@code plumb.test.rewrite} with one Plumb must refuse: a file that changes while a scan runs.
 */
@RuleInfo(id = "plugin_rewrites_snapshot", title = "Rewrites a snapshot file during the scan", severity = Severity.LOW,
        tags = "plugin")
final class RewritesSnapshot implements Rule {

    private final Account account;

    @Inject
    RewritesSnapshot(Account account) {
        this.account = account;
    }

    @Override
    public void evaluate(Findings findings) {
        String file = System.getProperty("plumb.test.rewrite");
        if (file != null && account.id().equals("111122223333")) {
            try {
                Files.writeString(Path.of(file), "{\"RoleDetailList\": [{\"RoleName\": \"a\","
                        + " \"Arn\": \"arn:AWS:iam::999988887777:role/a\"}]}");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        findings.report(Finding.pass(account.rootArn(), "ran in account " + account.id()));
    }
}
