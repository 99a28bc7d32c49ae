package dev.plumb.reporting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a finding across runs: rule, account and resource, nothing that changes from
 * one scan to the next. Allure's {@code historyId} and SARIF's {@code primaryLocationLineHash}
 * both come from it, so trends and code scanning alerts follow the same finding.
 */
final class Fingerprint {

    private Fingerprint() {
    }

    /** 32 hex digits (128 bits of SHA-256) of rule, account and resource (and what else tells findings apart). */
    static String of(String ruleId, String accountId, String resource, String... more) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String key = String.join("\u0000", ruleId, accountId, resource);
            if (more.length > 0) {
                key = key + "\u0000" + String.join("\u0000", more);
            }
            byte[] digest = sha.digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
