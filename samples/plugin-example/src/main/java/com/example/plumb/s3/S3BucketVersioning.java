package com.example.plumb.s3;

import dev.plumb.api.Account;
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
        for (String bucket : S3Buckets.names(s3)) {
            String arn = S3Buckets.arn(account, bucket);
            BucketVersioningStatus status = s3.getBucketVersioning(request -> request.bucket(bucket)).status();
            if (status == BucketVersioningStatus.ENABLED) {
                findings.pass(arn, "Bucket " + bucket + " keeps every version of its objects.");
            } else {
                String state = status == null ? "never enabled" : "suspended";
                findings.report(dev.plumb.api.Finding.fail(arn, "Bucket " + bucket + " in account " + account.id()
                        + " has versioning " + state + ": an overwrite or delete loses data for good. Enable "
                        + "versioning.").with("versioning", state));
            }
        }
    }
}
