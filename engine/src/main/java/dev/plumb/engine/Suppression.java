package dev.plumb.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Mutes the FAILs it matches: they are reported as SUPPRESSED with the reason, in every report,
 * and do not change the exit code. Expired entries never reach the engine.
 *
 * <p>Internal: not API; may change without notice.
 *
 * @param entry    where the entry was written, as {@code <file>:<line>}; names it in warnings and reports
 * @param rule     rule id or glob
 * @param account  account id or glob
 * @param resource resource ARN or glob
 * @param reason   the justification, shown wherever the finding is
 */
@API(status = INTERNAL)
public record Suppression(String entry, String rule, String account, String resource, String reason) {

    public Suppression {
        Objects.requireNonNull(entry, "entry");
        rule = rule == null ? "*" : rule;
        account = account == null ? "*" : account;
        resource = resource == null ? "*" : resource;
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a suppression needs a reason");
        }
    }

    public boolean matches(String ruleId, String accountId, String resourceArn) {
        return Glob.matches(rule, ruleId) && Glob.matches(account, accountId) && Glob.matches(resource, resourceArn);
    }
}
