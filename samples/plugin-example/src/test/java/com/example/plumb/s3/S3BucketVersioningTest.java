package com.example.plumb.s3;

import static dev.plumb.testkit.RuleResultAssert.assertThat;

import dev.plumb.api.Outcome;
import dev.plumb.testing.MotoServer;
import dev.plumb.testkit.RuleTester;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3BucketVersioningTest {

    private final RuleTester tester = RuleTester.forRule(S3BucketVersioning.class);

    @Test
    void enabledPassesNeverEnabledAndSuspendedFail() {
        MotoServer moto = MotoServer.shared();
        moto.reset();
        try (S3Client s3 = moto.client(S3Client.builder())) {
            bucket(s3, "kept", BucketVersioningStatus.ENABLED);
            bucket(s3, "paused", BucketVersioningStatus.SUSPENDED);
            bucket(s3, "plain", null);
        }

        assertThat(tester.againstMoto()).hasResources("arn:aws:s3:::kept", "arn:aws:s3:::paused", "arn:aws:s3:::plain")
                .hasFinding("arn:aws:s3:::kept").withOutcome(Outcome.PASS)
                .and().hasFinding("arn:aws:s3:::paused").withOutcome(Outcome.FAIL).withEvidence("versioning", "suspended")
                .and().hasFinding("arn:aws:s3:::plain").withOutcome(Outcome.FAIL)
                .withMessageContaining("has versioning never enabled").withEvidence("versioning", "never enabled");
    }

    @Test
    void aDeniedBucketIsAnErrorOnThatBucketAndTheOtherBucketsAreStillJudged() {
        S3Client oneDenied = new S3Client() {
            @Override
            public ListBucketsResponse listBuckets(ListBucketsRequest request) {
                return ListBucketsResponse.builder().buckets(b -> b.name("a-kept"), b -> b.name("b-secret"),
                        b -> b.name("c-plain")).build();
            }

            @Override
            public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
                return switch (request.bucket()) {
                    case "a-kept" -> GetBucketVersioningResponse.builder().status(BucketVersioningStatus.ENABLED).build();
                    case "b-secret" -> throw S3Exception.builder().statusCode(403).awsErrorDetails(AwsErrorDetails
                            .builder().errorCode("AccessDenied").errorMessage("Access Denied").build()).build();
                    default -> GetBucketVersioningResponse.builder().build();
                };
            }

            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {
            }
        };

        assertThat(tester.withClient(S3Client.class, oneDenied).againstStubs())
                .hasResources("arn:aws:s3:::a-kept", "arn:aws:s3:::b-secret", "arn:aws:s3:::c-plain")
                .hasFinding("arn:aws:s3:::b-secret").withOutcome(Outcome.ERROR)
                .withMessageContaining("AccessDenied (HTTP 403): Access Denied")
                .and().hasFinding("arn:aws:s3:::a-kept").withOutcome(Outcome.PASS)
                .and().hasFinding("arn:aws:s3:::c-plain").withOutcome(Outcome.FAIL);
    }

    private static void bucket(S3Client s3, String name, BucketVersioningStatus status) {
        s3.createBucket(request -> request.bucket(name));
        if (status != null) {
            s3.putBucketVersioning(request -> request.bucket(name).versioningConfiguration(v -> v.status(status)));
        }
    }
}
