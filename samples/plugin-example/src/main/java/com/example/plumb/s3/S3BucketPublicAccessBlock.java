package com.example.plumb.s3;

import dev.plumb.api.Account;
import dev.plumb.api.AwsErrors;
import dev.plumb.api.Finding;
import dev.plumb.api.Findings;
import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.Severity;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

@RuleInfo(id = "s3_bucket_public_access_block", title = "Every S3 bucket blocks public access with all four settings",
        severity = Severity.HIGH, tags = {"s3", "data-protection", "public-access"},
        compliance = {"CIS-AWS-3.0:2.1.4", "AWS-SecurityHub:S3.8"})
final class S3BucketPublicAccessBlock implements Rule {

    static final String NOT_CONFIGURED = "NoSuchPublicAccessBlockConfiguration";

    private final S3Client s3;
    private final Account account;

    @Inject
    S3BucketPublicAccessBlock(S3Client s3, Account account) {
        this.s3 = s3;
        this.account = account;
    }

    @Override
    public void evaluate(Findings findings) {
        for (String bucket : S3Buckets.names(s3)) {
            findings.report(judge(bucket));
        }
    }

    private Finding judge(String bucket) {
        String arn = S3Buckets.arn(account, bucket);
        PublicAccessBlockConfiguration block;
        try {
            block = s3.getPublicAccessBlock(request -> request.bucket(bucket)).publicAccessBlockConfiguration();
        } catch (AwsServiceException e) {
            if (NOT_CONFIGURED.equals(AwsErrors.code(e))) {
                return Finding.fail(arn, "Bucket " + bucket + " in account " + account.id() + " has no public access "
                        + "block. Turn on all four Block Public Access settings for it.");
            }
            return Finding.error(arn, "Cannot read the public access block of bucket " + bucket + ": "
                    + AwsErrors.describe(e));
        }
        List<String> off = new ArrayList<>();
        if (!Boolean.TRUE.equals(block.blockPublicAcls())) {
            off.add("BlockPublicAcls");
        }
        if (!Boolean.TRUE.equals(block.ignorePublicAcls())) {
            off.add("IgnorePublicAcls");
        }
        if (!Boolean.TRUE.equals(block.blockPublicPolicy())) {
            off.add("BlockPublicPolicy");
        }
        if (!Boolean.TRUE.equals(block.restrictPublicBuckets())) {
            off.add("RestrictPublicBuckets");
        }
        if (off.isEmpty()) {
            return Finding.pass(arn, "Bucket " + bucket + " blocks public access with all four settings.");
        }
        return Finding.fail(arn, "Bucket " + bucket + " in account " + account.id() + " does not turn on "
                + String.join(", ", off) + ". Turn on all four Block Public Access settings.")
                .with("disabled", String.join(",", off));
    }
}
