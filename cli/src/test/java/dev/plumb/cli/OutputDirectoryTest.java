package dev.plumb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.JUnitXml;
import dev.plumb.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plumb replaces its own reports and nothing else, wherever the output directory is. */
class OutputDirectoryTest {

    private final MotoServer moto = MotoServer.shared();

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        moto.reset();
    }

    @Test
    void unrelatedFilesInTheOutputDirectorySurviveAndOldReportsAreReplaced() throws Exception {
        Path out = dir.resolve("reports");
        Files.createDirectories(out.resolve("junit"));
        Files.writeString(out.resolve("notes.txt"), "keep me");
        Files.writeString(out.resolve("junit/TEST-other-tool.xml"), "<testsuite/>");
        Files.writeString(out.resolve("junit/TEST-plumb.xml"), "stale");

        Cli result = scan(out);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(out.resolve("notes.txt")).hasContent("keep me");
        assertThat(out.resolve("junit/TEST-other-tool.xml")).hasContent("<testsuite/>");
        assertThat(JUnitXml.parse(out.resolve("junit/TEST-plumb.xml")).assertConsistent().failures()).isEqualTo(1);
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".plumb-staging"));
        }
    }

    @Test
    void aRelativeOutputWithSpacesIsCreatedInsideNestedDirectories() throws Exception {
        Path out = Path.of("target", "output dir test", "nested reports");
        try {
            Cli result = scan(out);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(out.resolve("junit/TEST-plumb.xml")).isRegularFile();
            assertThat(result.out()).contains(out.resolve("junit").resolve("TEST-plumb.xml").toString());
        } finally {
            try (Stream<Path> files = Files.walk(Path.of("target", "output dir test"))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void anAbsoluteOutputWorks() {
        Path out = dir.resolve("abs").toAbsolutePath();

        Cli result = scan(out);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(out.resolve("junit/TEST-plumb.xml")).isRegularFile();
    }

    @Test
    void aSecondScanIntoADirectoryThatAnotherProcessIsWritingStopsWithExitThree() throws Exception {
        Path out = dir.resolve("reports");
        Files.createDirectories(out);
        Path holder = dir.resolve("HoldLock.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class HoldLock {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE); var lock = channel.lock()) {
                            System.out.println("locked");
                            System.out.flush();
                            Thread.sleep(60_000);
                        }
                    }
                }
                """);
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                holder.toString(), out.resolve(".plumb.lock").toString()).redirectErrorStream(true).start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream())).readLine())
                    .isEqualTo("locked");

            Cli result = snapshotScan(out);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
            assertThat(result.err().strip()).doesNotContain("\n").contains("another Plumb command is writing reports");
            assertThat(out.resolve("plumb.sarif")).doesNotExist();
        } finally {
            other.destroyForcibly().waitFor();
        }
        assertThat(snapshotScan(out).exitCode()).isZero();
    }

    @Test
    void aLinkedJUnitDirectoryIsRefusedWithExitThreeAndItsTargetIsUntouched() throws Exception {
        Path out = dir.resolve("reports");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("TEST-plumb.xml"), "someone else's");
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("junit"), elsewhere);

        Cli result = snapshotScan(out);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err().strip()).doesNotContain("\n").contains("is a symbolic link");
        assertThat(elsewhere.resolve("TEST-plumb.xml")).hasContent("someone else's");
        assertThat(out.resolve("plumb.sarif")).doesNotExist();
    }

    /**
     * A real full disk: a small tmpfs (only where this user may mount one, as root in CI containers)
     * that holds the previous set and a file that leaves too little room for the next one.
     */
    @Test
    void aFullDiskIsExitTwoWithOneLineAndThePreviousSetStays() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small-disk"));
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mounting.waitFor() == 0, "cannot mount a small tmpfs here");
        try {
            Path out = mount.resolve("reports");
            Cli first = snapshotScan(out);
            assertThat(first.exitCode()).as(first.toString()).isZero();
            java.util.Map<String, String> before = reportContents(out);
            long free = Files.getFileStore(mount).getUsableSpace();
            Files.write(mount.resolve("filler"), new byte[(int) Math.max(0, free - 16 * 1024)]);

            Cli full = Cli.run(out, "scan", "--quiet", "--sarif-full",
                    "--snapshot", SNAPSHOTS.resolve("compliant.json").toString(),
                    "--snapshot", SNAPSHOTS.resolve("support-on-user-only.json").toString(),
                    "--snapshot", SNAPSHOTS.resolve("large-account.json").toString(),
                    "--snapshot", SNAPSHOTS.resolve("aws-cn.json").toString());

            assertThat(full.exitCode()).as(full.toString()).isEqualTo(2);
            assertThat(full.err().strip()).doesNotContain("\n").contains("the reports were not written");
            assertThat(reportContents(out)).isEqualTo(before);
        } finally {
            new ProcessBuilder("umount", mount.toString()).start().waitFor();
        }
    }

    private static java.util.Map<String, String> reportContents(Path out) throws Exception {
        java.util.Map<String, String> contents = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = out.relativize(file).toString();
                if (!relative.startsWith(".")) {
                    contents.put(relative, Files.readString(file));
                }
            }
        }
        assertThat(contents).containsKeys("plumb.sarif", "junit/TEST-plumb.xml");
        return contents;
    }

    private static final Path SNAPSHOTS = Path.of("..", "samples", "snapshots");

    private Cli snapshotScan(Path out) {
        return Cli.run(out, "scan", "--quiet", "--snapshot", SNAPSHOTS.resolve("compliant.json").toString());
    }

    private Cli scan(Path out) {
        return Cli.run(out, "scan", "--endpoint-url", moto.endpoint(), "--region", "us-east-1", "--quiet");
    }
}
