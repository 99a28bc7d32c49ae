package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.FaultProxy;
import dev.plumb.testing.IamFixtures;
import dev.plumb.testing.JUnitXml;
import dev.plumb.testing.MotoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/** SIGINT and SIGTERM stop a scan promptly and still leave complete, valid reports. */
class InterruptionTest {

    private static final MotoServer MOTO = MotoServer.shared();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "SIG{0} exits {1}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void aSignalDuringAScanWritesTheReportsWithTheUnfinishedRuleAsInterrupted(String signal, int exitCode)
            throws Exception {
        MOTO.reset();
        try (IamClient iam = MOTO.iam("us-east-1")) {
            new IamFixtures(iam, "aws").supportRole("aws-support");
        }
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint())
                .inject("iam:ListEntitiesForPolicy", FaultProxy.ALWAYS,
                        FaultProxy.noAnswerFor(Duration.ofSeconds(60)))) {
            Path out = dir.resolve("reports");
            Path stdout = dir.resolve("stdout.txt");
            Path stderr = dir.resolve("stderr.txt");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "scan",
                    "--endpoint-url", proxy.endpoint(), "--region", "us-east-1", "--output", out.toString())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            Process scan = builder.start();
            awaitCall(proxy, scan);
            long signalled = System.nanoTime();
            new ProcessBuilder("kill", "-" + signal, Long.toString(scan.pid())).start().waitFor();

            assertThat(scan.waitFor(30, TimeUnit.SECONDS)).as("the scan stops").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(20));
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            assertThat(scan.exitValue()).as(err).isEqualTo(exitCode);
            JUnitXml report = JUnitXml.parse(out.resolve("junit/TEST-plumb.xml")).assertConsistent();
            assertThat(report.errors()).isEqualTo(1);
            assertThat(report.only().message()).contains("interrupted");
            assertThat(Files.readString(stdout, StandardCharsets.UTF_8)).contains("ERROR 1");
            try (var left = Files.list(out)) {
                assertThat(left.map(p -> p.getFileName().toString()).toList())
                        .noneMatch(name -> name.startsWith(".plumb-staging"));
            }
        }
    }

    private static void awaitCall(FaultProxy proxy, Process scan) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!proxy.operations().contains("iam:ListEntitiesForPolicy")) {
            assertThat(scan.isAlive()).as("the scan is still running").isTrue();
            assertThat(System.nanoTime()).as("the scan reached IAM within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

}
