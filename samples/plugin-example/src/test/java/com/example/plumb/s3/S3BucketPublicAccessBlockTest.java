package com.example.plumb.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.api.Account;
import dev.plumb.api.Finding;
import dev.plumb.api.Outcome;
import dev.plumb.testing.MotoServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The rule against a real S3 API (moto), with the client built by the plugin's own module. */
class S3BucketPublicAccessBlockTest {

    private static final Account ACCOUNT = new Account(MotoServer.DEFAULT_ACCOUNT, "aws");

    private final MotoServer moto = MotoServer.shared();
    private S3Client s3;

    @BeforeEach
    void emptyAccount() {
        moto.reset();
        s3 = new S3Module().s3(new MotoClients(moto));
    }

    @AfterEach
    void close() {
        s3.close();
    }

    @Test
    void aBucketWithAllFourSettingsPassesAndOthersFailNamingWhatIsOff() {
        s3.createBucket(request -> request.bucket("locked"));
        s3.putPublicAccessBlock(request -> request.bucket("locked").publicAccessBlockConfiguration(block -> block
                .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
        s3.createBucket(request -> request.bucket("half-open"));
        s3.putPublicAccessBlock(request -> request.bucket("half-open").publicAccessBlockConfiguration(block -> block
                .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(false).restrictPublicBuckets(false)));
        s3.createBucket(request -> request.bucket("wide-open"));

        List<Finding> findings = evaluate(s3);

        assertThat(findings).extracting(Finding::resource, Finding::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("arn:aws:s3:::half-open", Outcome.FAIL),
                org.assertj.core.groups.Tuple.tuple("arn:aws:s3:::locked", Outcome.PASS),
                org.assertj.core.groups.Tuple.tuple("arn:aws:s3:::wide-open", Outcome.FAIL));
        assertThat(findings.get(0).message()).contains("does not turn on BlockPublicPolicy, RestrictPublicBuckets");
        assertThat(findings.get(0).evidence()).containsEntry("disabled", "BlockPublicPolicy,RestrictPublicBuckets");
        assertThat(findings.get(2).message()).contains("has no public access block");
    }

    @Test
    void anAccountWithoutBucketsHasNoFindings() {
        assertThat(evaluate(s3)).isEmpty();
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

        Finding finding = evaluate(denied).get(0);

        assertThat(finding.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finding.message()).contains("AccessDenied (HTTP 403)");
    }

    private static List<Finding> evaluate(S3Client client) {
        List<Finding> findings = new ArrayList<>();
        new S3BucketPublicAccessBlock(client, ACCOUNT).evaluate(findings::add);
        return findings;
    }
}
