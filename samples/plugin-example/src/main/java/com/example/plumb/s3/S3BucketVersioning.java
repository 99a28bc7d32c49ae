package com.example.plumb.s3;

import dev.plumb.api.Account;
import dev.plumb.api.Finding;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

@RuleInfo(id = "s3_bucket_versioning", title = "Every S3 bucket has versioning enabled", severity = Severity.MEDIUM,
        tags = {"s3", "data-protection", "resilience"}, compliance = {"AWS-SecurityHub:S3.14"})
final class S3BucketVersioning implements Rule {

    private final S3Client s3;
    private final Account account;

    @Inject
    S3BucketVersioning(S3Client s3, Account account) {
        this.s3 = s3;
        this.account = account;
    }

    @Override
    public void evaluate(Findings findings) {
        // One denied or failing bucket is an ERROR on that bucket; the others are still judged.
        findings.judgeEach(S3Buckets.names(s3), bucket -> S3Buckets.arn(account, bucket), this::judge);
    }

    private Finding judge(String bucket) {
        String arn = S3Buckets.arn(account, bucket);
        BucketVersioningStatus status = s3.getBucketVersioning(request -> request.bucket(bucket)).status();
        if (status == BucketVersioningStatus.ENABLED) {
            return Finding.pass(arn, "Bucket " + bucket + " keeps every version of its objects.");
        }
        String state = status == null ? "never enabled" : "suspended";
        return Finding.fail(arn, "Bucket " + bucket + " in account " + account.id() + " has versioning " + state
                + ": an overwrite or delete loses data for good. Enable versioning.").with("versioning", state);
    }
}
