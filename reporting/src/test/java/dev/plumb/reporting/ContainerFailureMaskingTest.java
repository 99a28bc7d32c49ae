package dev.plumb.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.testing.ScanReportFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings reach the reports masked by the engine; the failure of a container is the one text the
 * reports mask themselves, and they do it in the text, never by rewriting a written file.
 */
class ContainerFailureMaskingTest {

    private static final String ACCOUNT = "333333333333";

    @TempDir
    Path out;

    @Test
    void aSecretInTheFailureOfAnAccountIsMaskedInEveryReportAndInTheSummary() throws Exception {
        ScanSummary summary;
        try (ScanReports reports = ScanReports.create(new ReportOptions(out, "1.2.3", Set.of("assume role"), null,
                false, SarifOptions.DEFAULT))) {
            ScriptedScan.execute(reports, new ScriptedEngine(ScriptedScan.mixed(), List.of(ACCOUNT)));
            reports.finish();
            summary = reports.summary();
        }

        ScanReportFiles files = new ScanReportFiles(out);
        assertThat(summary.problems()).anySatisfy(problem -> assertThat(problem.message())
                .contains("cannot **** in account " + ACCOUNT).doesNotContain("assume role"));
        assertThat(Files.readString(out.resolve("plumb.sarif"))).contains("cannot **** in account " + ACCOUNT)
                .doesNotContain("assume role");
        assertThat(Files.readString(out.resolve("junit").resolve("TEST-plumb.xml")))
                .contains("cannot **** in account " + ACCOUNT).doesNotContain("assume role");
        assertThat(files.allureResults()).anySatisfy(result -> assertThat(result.toString())
                .contains("cannot **** in account " + ACCOUNT)).allSatisfy(result -> assertThat(result.toString())
                .doesNotContain("assume role"));
    }
}
