package dev.plumb.engine;

import dev.plumb.api.Account;

/**
 * Who the scan's credentials belong to, from {@code sts:GetCallerIdentity}.
 *
 * @param arn the caller's ARN; its partition decides the partition of the scan
 */
public record CallerIdentity(String accountId, String arn) {

    public String partition() {
        return Account.partitionOf(arn);
    }

    public Account account() {
        return new Account(accountId, partition());
    }
}
