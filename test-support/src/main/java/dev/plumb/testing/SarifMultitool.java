package dev.plumb.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The SARIF multitool ({@code @microsoft/sarif-multitool}) that {@code .ci/run} installs under the
 * project's {@code target/sarif-multitool}, run with GitHub's ingestion rules. Its npm wrapper splits
 * {@code Sarif;Ghas} at the semicolon, so the platform binary is called directly.
 */
public final class SarifMultitool {

    private final Path binary;

    private SarifMultitool(Path binary) {
        this.binary = binary;
    }

    /**
     * The multitool of the project at {@code projectRoot}. A test that needs it is skipped where it
     * is not installed, except in CI ({@code CI} set), where a missing one fails the test.
     */
    public static SarifMultitool of(Path projectRoot) {
        Path binary = projectRoot.toAbsolutePath().normalize()
                .resolve("target/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
        assumeTrue(Files.isExecutable(binary) || System.getenv("CI") != null,
                "SARIF multitool not installed at " + binary);
        assertThat(binary).as("the SARIF multitool, installed by .ci/run").isExecutable();
        return new SarifMultitool(binary);
    }

    /** The error and warning lines of {@code validate FILE --rule-kind "Sarif;Ghas"}; fails when it cannot analyse. */
    public List<String> problems(Path sarif) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "validate", sarif.toString(),
                    "--rule-kind", "Sarif;Ghas", "--level", "Error;Warning").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(output).as(output).contains("Analysis completed successfully");
            return output.lines().filter(line -> line.matches(".*: (error|warning) [A-Z]+\\d+: .*")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
