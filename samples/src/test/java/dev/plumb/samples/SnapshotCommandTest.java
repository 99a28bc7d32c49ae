package dev.plumb.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.IamFixtures;
import dev.plumb.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/** {@code plumb snapshot} through the launcher, with credentials that cannot capture. */
class SnapshotCommandTest {

    private final MotoServer moto = MotoServer.shared();

    @TempDir
    Path workDir;

    @BeforeEach
    void emptyAccount() {
        moto.reset();
    }

    @AfterEach
    void acceptAnyCredentialsAgain() {
        moto.enforceIamPolicies(false);
    }

    @Test
    void withoutCredentialsItIsOneLineAndExitThree() throws Exception {
        Launcher result = Launcher.run(workDir, Map.of("AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY", ""),
                "snapshot", "--endpoint-url", moto.endpoint(), "--output", "account.json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").startsWith("plumb: no AWS credentials found.");
        assertThat(workDir.resolve("account.json")).doesNotExist();
    }

    @Test
    void anIdentityWithoutThePermissionIsToldWhichOneItNeedsAndTheOldFileStays() throws Exception {
        AccessKey key;
        try (IamClient iam = moto.iam("us-east-1")) {
            new IamFixtures(iam, "aws").supportRole("aws-support").user("reader");
            iam.putUserPolicy(p -> p.userName("reader").policyName("identity-only").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:GetCallerIdentity",\
                    "Resource":"*"}]}"""));
            key = iam.createAccessKey(k -> k.userName("reader")).accessKey();
        }
        Path earlier = Files.writeString(workDir.resolve("account.json"), "{\"RoleDetailList\": []}");
        moto.enforceIamPolicies(true);

        Launcher result = Launcher.run(workDir, Map.of("AWS_ACCESS_KEY_ID", key.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", key.secretAccessKey()),
                "snapshot", "--endpoint-url", moto.endpoint(), "--output", "account.json", "--quiet");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n")
                .startsWith("plumb: AWS denied iam:GetAccountAuthorizationDetails to arn:aws:iam::"
                        + MotoServer.DEFAULT_ACCOUNT + ":user/reader: AccessDenied (HTTP 403)");
        assertThat(earlier).hasContent("{\"RoleDetailList\": []}");
        try (var files = Files.list(workDir)) {
            assertThat(files).containsExactly(earlier);
        }
    }

    @Test
    void aCaptureThroughTheLauncherScansOnAnotherRun() throws Exception {
        try (IamClient iam = moto.iam("us-east-1")) {
            new IamFixtures(iam, "aws").role("app").userWithPolicy("alice",
                    "arn:aws:iam::aws:policy/AWSSupportAccess");
        }

        Launcher capture = Launcher.run(workDir, Map.of(), "snapshot", "--endpoint-url", moto.endpoint(),
                "--output", "captures/account.json");
        moto.reset();
        Launcher scan = Launcher.run(workDir, Map.of(), "scan", "--snapshot", "captures/account.json");

        assertThat(capture.exitCode()).as(capture.toString()).isZero();
        assertThat(capture.err()).contains("capturing the IAM authorization details of account "
                + MotoServer.DEFAULT_ACCOUNT);
        assertThat(scan.exitCode()).as(scan.toString()).isEqualTo(1);
        assertThat(scan.out()).contains("attached only to user alice");
    }
}
