package dev.plumb.engine.aws;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plumb.api.Account;
import dev.plumb.api.UnexpectedResponseException;
import org.apiguardian.api.API;

/**
 * Who the scan's credentials belong to, from {@code sts:GetCallerIdentity}.
 *
 * <p>Internal: not API; may change without notice.
 *
 * @param arn the caller's ARN; its partition decides the partition of the scan
 */
@API(status = INTERNAL)
public record CallerIdentity(String accountId, String arn) {

    /** From an answer of sts:GetCallerIdentity, which must hold a 12-digit account id and that account's ARN. */
    static CallerIdentity of(String accountId, String arn) {
        String problem = null;
        if (!Account.isAccountId(accountId)) {
            problem = "no valid Account (" + (accountId == null ? "none" : "'" + accountId + "'") + ")";
        }
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        boolean arnValid;
        try {
            Account.partitionOf(arn);
            arnValid = parts.length == 6 && parts[4].equals(accountId);
        } catch (IllegalArgumentException notAnArn) {
            arnValid = false;
        }
        if (!arnValid) {
            String arnProblem = "no valid Arn of that account (" + (arn == null ? "none" : "'" + arn + "'") + ")";
            problem = problem == null ? arnProblem : problem + " and " + arnProblem;
        }
        if (problem != null) {
            throw new UnexpectedResponseException("the answer of sts:GetCallerIdentity holds " + problem
                    + ". Something other than AWS STS answered (a proxy, a wrong --endpoint-url), or the answer was"
                    + " changed on the way");
        }
        return new CallerIdentity(accountId, arn);
    }

    public String partition() {
        return Account.partitionOf(arn);
    }

    public Account account() {
        return new Account(accountId, partition());
    }
}
