package com.example.plumb.s3;

import static dev.plumb.testkit.RuleResultAssert.assertThat;

import dev.plumb.api.Outcome;
import dev.plumb.testing.MotoServer;
import dev.plumb.testkit.RuleTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The rule against a real S3 API (moto), through Plumb's engine with the plugin's own module. */
class S3BucketPublicAccessBlockTest {

    private final MotoServer moto = MotoServer.shared();
    private final RuleTester tester = RuleTester.forRule(S3BucketPublicAccessBlock.class);

    @BeforeEach
    void emptyAccount() {
        moto.reset();
    }

    @Test
    void aBucketWithAllFourSettingsPassesAndOthersFailNamingWhatIsOff() {
        try (S3Client s3 = moto.client(S3Client.builder())) {
            s3.createBucket(request -> request.bucket("locked"));
            s3.putPublicAccessBlock(request -> request.bucket("locked").publicAccessBlockConfiguration(block -> block
                    .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
            s3.createBucket(request -> request.bucket("half-open"));
            s3.putPublicAccessBlock(request -> request.bucket("half-open").publicAccessBlockConfiguration(block -> block
                    .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(false).restrictPublicBuckets(false)));
            s3.createBucket(request -> request.bucket("wide-open"));
        }

        assertThat(tester.againstMoto())
                .hasResources("arn:aws:s3:::half-open", "arn:aws:s3:::locked", "arn:aws:s3:::wide-open")
                .hasFinding("arn:aws:s3:::half-open").withOutcome(Outcome.FAIL)
                .withMessageContaining("does not turn on BlockPublicPolicy, RestrictPublicBuckets")
                .withEvidence("disabled", "BlockPublicPolicy,RestrictPublicBuckets")
                .and().hasFinding("arn:aws:s3:::locked").withOutcome(Outcome.PASS)
                .and().hasFinding("arn:aws:s3:::wide-open").withOutcome(Outcome.FAIL)
                .withMessageContaining("has no public access block");
    }

    @Test
    void anAccountWithoutBucketsHasNothingToEvaluate() {
        assertThat(tester.againstMoto()).hasResources("arn:aws:iam::123456789012:root")
                .hasAccountFinding().withOutcome(Outcome.SKIPPED).withMessageContaining("found nothing to evaluate");
    }

    @Test
    void accessDeniedIsAnErrorNeverAFail() {
        S3Client denied = new S3Client() {
            @Override
            public ListBucketsResponse listBuckets(ListBucketsRequest request) {
                return ListBucketsResponse.builder().buckets(bucket -> bucket.name("secret")).build();
            }

            @Override
            public GetPublicAccessBlockResponse getPublicAccessBlock(GetPublicAccessBlockRequest request) {
                throw S3Exception.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("AccessDenied").errorMessage("Access Denied").build()).build();
            }

            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {
            }
        };

        assertThat(tester.withClient(S3Client.class, denied).againstStubs()).hasFinding("arn:aws:s3:::secret")
                .withOutcome(Outcome.ERROR).withMessageContaining("AccessDenied (HTTP 403)");
    }
}
