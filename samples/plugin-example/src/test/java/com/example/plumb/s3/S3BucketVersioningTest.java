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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

class S3BucketVersioningTest {

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
    void enabledPassesNeverEnabledAndSuspendedFail() {
        bucket("kept", BucketVersioningStatus.ENABLED);
        bucket("paused", BucketVersioningStatus.SUSPENDED);
        bucket("plain", null);

        List<Finding> findings = new ArrayList<>();
        new S3BucketVersioning(s3, new Account(MotoServer.DEFAULT_ACCOUNT, "aws")).evaluate(findings::add);

        assertThat(findings).extracting(Finding::resource).containsExactly("arn:aws:s3:::kept", "arn:aws:s3:::paused",
                "arn:aws:s3:::plain");
        assertThat(findings).extracting(Finding::outcome).containsExactly(Outcome.PASS, Outcome.FAIL, Outcome.FAIL);
        assertThat(findings.get(1).evidence()).containsEntry("versioning", "suspended");
        assertThat(findings.get(2).evidence()).containsEntry("versioning", "never enabled");
    }

    private void bucket(String name, BucketVersioningStatus status) {
        s3.createBucket(request -> request.bucket(name));
        if (status != null) {
            s3.putBucketVersioning(request -> request.bucket(name).versioningConfiguration(v -> v.status(status)));
        }
    }
}
