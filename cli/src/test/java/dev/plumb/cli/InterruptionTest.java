package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.plumb.testing.FaultProxy;
import dev.plumb.testing.IamFixtures;
import dev.plumb.testing.JUnitXml;
import dev.plumb.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * SIGINT and SIGTERM stop a scan promptly and still leave complete, valid reports: what finished is
 * reported as it was, every rule that did not finish is an ERROR "interrupted".
 */
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
            Process scan = start(stdout, stderr, "--endpoint-url", proxy.endpoint(), "--region", "us-east-1",
                    "--output", out.toString());
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

    @Test
    void aSignalDuringAMultiAccountScanKeepsWhatFinishedAndMarksTheRestInterrupted() throws Exception {
        MOTO.reset();
        String done = "400000000001";
        String failing = "400000000002";
        String running = "400000000003";
        String waiting = "400000000004";
        try (IamClient iam = MOTO.iamIn(done, "us-east-1")) {
            new IamFixtures(iam, "aws").supportRole("aws-support");
        }
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint()).injectFor(running, "iam:ListEntitiesForPolicy",
                FaultProxy.ALWAYS, FaultProxy.noAnswerFor(Duration.ofSeconds(60)))) {
            Path out = dir.resolve("reports");
            Process scan = start(dir.resolve("stdout.txt"), dir.resolve("stderr.txt"), "--endpoint-url",
                    proxy.endpoint(), "--region", "us-east-1", "--accounts",
                    String.join(",", done, failing, running, waiting), "--role-name", "PlumbAudit",
                    "--parallelism", "1", "--output", out.toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (proxy.count("iam:ListEntitiesForPolicy", running) == 0) {
                assertThat(scan.isAlive()).as("the scan is still running").isTrue();
                assertThat(System.nanoTime()).as("the scan reached the third account").isLessThan(deadline);
                Thread.sleep(50);
            }
            new ProcessBuilder("kill", "-INT", Long.toString(scan.pid())).start().waitFor();

            assertThat(scan.waitFor(30, TimeUnit.SECONDS)).as("the scan stops").isTrue();
            assertThat(scan.exitValue()).isEqualTo(130);
            JUnitXml report = JUnitXml.parse(out.resolve("junit/TEST-plumb.xml")).assertConsistent();
            assertThat(report.cases()).extracting(JUnitXml.TestCase::classname, JUnitXml.TestCase::outcome)
                    .containsExactly(
                            tuple("plumb." + done + ".account_supportrole", "PASS"),
                            tuple("plumb." + failing + ".account_supportrole", "FAIL"),
                            tuple("plumb." + running + ".account_supportrole", "ERROR"),
                            tuple("plumb." + waiting + ".account_supportrole", "ERROR"));
            assertThat(report.cases().get(2).message()).contains("interrupted").contains("while the rule was running");
            assertThat(report.cases().get(3).message()).contains("interrupted");
            assertThat(proxy.count("sts:AssumeRole", waiting)).as("no AWS call for the account never started")
                    .isZero();
        }
    }

    private static Process start(Path stdout, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "scan"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
        return builder.start();
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
