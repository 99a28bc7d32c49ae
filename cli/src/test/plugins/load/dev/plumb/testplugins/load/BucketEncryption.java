package dev.plumb.testplugins.load;

import dev.plumb.api.Account;
import dev.plumb.api.Finding;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;

/** 15 PASS, 5 FAIL, 5 FAIL on legacy buckets. */
@RuleInfo(id = "load_bucket_encryption", title = "S3 buckets encrypt objects with a KMS key", severity = Severity.HIGH,
        tags = {"s3", "encryption"}, compliance = {"LOAD:1"})
final class BucketEncryption implements Rule {

    private final Account account;

    @Inject
    BucketEncryption(Account account) {
        this.account = account;
    }

    @Override
    public void evaluate(Findings findings) {
        for (int i = 0; i < LoadRules.RESOURCES; i++) {
            String kind = i % 25 >= 20 ? "legacy" : "data";
            String bucket = "load-" + account.id() + "-" + kind + "-" + i;
            String arn = "arn:" + account.partition() + ":s3:::" + bucket;
            if (i % 25 < 15) {
                findings.pass(arn, "Bucket " + bucket + " encrypts objects with aws:kms.");
            } else {
                findings.report(Finding.fail(arn, "Bucket " + bucket + " in account " + account.id()
                        + " uses no KMS key: set default encryption to aws:kms.").with("algorithm", "AES256"));
            }
        }
    }
}
