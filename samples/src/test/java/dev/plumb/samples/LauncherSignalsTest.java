package dev.plumb.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plumb.testing.FaultProxy;
import dev.plumb.testing.JUnitXml;
import dev.plumb.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher always exec's the JVM, also on the first scan after a build, when the class-data
 * archive does not exist yet: the script's PID is the JVM's, so SIGTERM to it stops the scan with
 * its reports written and exit 143, and no partial archive is left behind.
 */
class LauncherSignalsTest {

    private static final Path TARGET = Launcher.ROOT.resolve("cli/target");
    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"this JDK", "Java 25"})
    void sigtermToTheLauncherOnTheFirstRunAfterABuildReachesTheJvm(String jdk) throws Exception {
        Path javaHome = jdk.equals("this JDK") ? Path.of(System.getProperty("java.home")) : JDK_25;
        assumeTrue(Files.isExecutable(javaHome.resolve("bin/java")), "no JDK at " + javaHome);
        deleteArchives();
        MotoServer moto = MotoServer.shared();
        moto.reset();
        try (FaultProxy proxy = new FaultProxy(moto.endpoint()).inject("iam:ListEntitiesForPolicy",
                FaultProxy.ALWAYS, FaultProxy.noAnswerFor(Duration.ofSeconds(60)))) {
            Path out = workDir.resolve("reports");
            Path stdout = workDir.resolve("stdout.txt");
            Path stderr = workDir.resolve("stderr.txt");
            ProcessBuilder builder = new ProcessBuilder(Launcher.ROOT.resolve("plumb").toString(), "scan",
                    "--endpoint-url", proxy.endpoint(), "--region", "us-east-1", "--output", out.toString())
                    .directory(workDir.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
            builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
            builder.environment().put("JAVA_HOME", javaHome.toString());
            Process scan = builder.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!proxy.operations().contains("iam:ListEntitiesForPolicy")) {
                assertThat(scan.isAlive()).as("the scan is running: %s", read(stderr)).isTrue();
                assertThat(System.nanoTime()).as("the scan reached IAM").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(scan.toHandle().info().command()).as("the launcher's PID runs java itself")
                    .hasValueSatisfying(command -> assertThat(command).endsWith("/java"));
            assertThat(scan.toHandle().children()).as("no child process").isEmpty();

            new ProcessBuilder("kill", "-TERM", Long.toString(scan.pid())).start().waitFor();

            assertThat(scan.waitFor(60, TimeUnit.SECONDS)).as("the scan stops").isTrue();
            assertThat(scan.exitValue()).as(read(stderr)).isEqualTo(143);
            JUnitXml report = JUnitXml.parse(out.resolve("junit/TEST-plumb.xml")).assertConsistent();
            assertThat(report.only().outcome()).isEqualTo("ERROR");
            assertThat(report.only().message()).contains("interrupted (SIGTERM received)");
            assertThat(read(stdout)).contains("ERROR 1");
            try (Stream<Path> files = Files.list(TARGET)) {
                assertThat(files.map(file -> file.getFileName().toString()).toList())
                        .as("no partial class-data archive").noneMatch(name -> name.matches(".*\\.jsa\\..*"))
                        .as("the archive for the next runs").anyMatch(name -> name.matches("plumb-.*-java\\d+\\.jsa"));
            }
        }
    }

    private static void deleteArchives() throws IOException {
        try (Stream<Path> files = Files.list(TARGET)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("plumb-.*\\.jsa.*")).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
