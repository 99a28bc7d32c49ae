package com.example.plumb.s3;

import dev.plumb.api.Account;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/** The buckets of the account, and their ARNs in its partition. */
final class S3Buckets {

    private S3Buckets() {
    }

    static List<String> names(S3Client s3) {
        return s3.listBucketsPaginator(request -> request.maxBuckets(1000)).buckets().stream().map(Bucket::name)
                .sorted().toList();
    }

    static String arn(Account account, String bucket) {
        return "arn:" + account.partition() + ":s3:::" + bucket;
    }
}
