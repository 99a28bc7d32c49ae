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

    private Cli scan(Path out) {
        return Cli.run(out, "scan", "--endpoint-url", moto.endpoint(), "--region", "us-east-1", "--quiet");
    }
}
