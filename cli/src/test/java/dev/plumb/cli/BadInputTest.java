package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input before a scan: one line on stderr, no stack trace, exit 3, nothing written. */
class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void missingCredentialsSayHowToProvideThem() throws Exception {
        ChildCli result = ChildCli.run(dir, Map.of(
                "AWS_CONFIG_FILE", dir.resolve("no-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString()), List.of(),
                "scan", "--endpoint-url", MotoServer.shared().endpoint(), "--region", "us-east-1");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").doesNotContain("Exception")
                .startsWith("plumb: no AWS credentials found").contains("AWS_ACCESS_KEY_ID").contains("--profile");
        assertThat(dir.resolve("plumb-reports/junit")).doesNotExist();
    }

    @Test
    void anUnknownProfileIsNamed() throws Exception {
        Path config = Files.writeString(dir.resolve("config"), "[profile audit]\nregion = eu-west-1\n");
        ChildCli result = ChildCli.run(dir, Map.of("AWS_CONFIG_FILE", config.toString(),
                        "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString()), List.of(),
                "scan", "--profile", "nope", "--endpoint-url", MotoServer.shared().endpoint());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("nope");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli result = Cli.run(null);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("plumb scan");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Cli result = Cli.run(null, "scna");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("scna");
    }

    @Test
    void aNonNumericTimeoutIsAUsageError() {
        Cli result = Cli.run(dir, "scan", "--call-timeout", "soon");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("--call-timeout").contains("soon");
    }

    @Test
    void aMalformedEndpointIsAUsageError() {
        Cli result = Cli.run(dir, "scan", "--endpoint-url", "localhost:5000");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("invalid --endpoint-url 'localhost:5000'");
    }

    @Test
    void aSnapshotWhosePathHasACommaIsScannedAsOneFile() throws Exception {
        Path snapshot = Files.createDirectories(dir.resolve("accounts,2026")).resolve("compliant.json");
        Files.copy(Path.of("../samples/snapshots/compliant.json"), snapshot);

        Cli result = Cli.run(dir.resolve("reports"), "scan", "--snapshot", snapshot.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("1 account, 1 rule, 1 finding");
    }
}
