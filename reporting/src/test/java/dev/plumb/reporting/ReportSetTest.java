package dev.plumb.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plumb.testing.ScanReportFiles;
import io.qameta.allure.AllureResultsWriteException;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One report set per scan: every file carries the scan id, and whatever fails (a write, a move, the
 * process) DIR holds either the previous set or the new one, never a mix.
 */
class ReportSetTest {

    private static final SarifOptions FULL = new SarifOptions(Map.of(), true);

    @TempDir
    Path out;

    @Test
    void everyFileOfTheSetCarriesTheSameScanId() throws Exception {
        ScanReports reports = scan(ScriptedScan.mixed());

        assertThat(scanIds(out)).containsExactly(reports.scanId());
        assertThat(new ScanReportFiles(out).allureResults()).hasSize(6);
    }

    @Test
    void anAllureWriteErrorIsNotSwallowedAndThePreviousSetStays() throws Exception {
        ScanReports previous = scan(ScriptedScan.mixed().subList(0, 3));
        Map<String, String> before = contents(out);

        // Allure's FileSystemResultsWriter throws this when the disk is full
        UnaryOperator<AllureResultsWriter> diskFullAfterTwo = files -> new FailingWriter(files, 2, false);
        assertThatThrownBy(() -> ScriptedScan.run(out, FULL, new ScriptedEngine(ScriptedScan.mixed(), List.of()),
                diskFullAfterTwo))
                .isInstanceOf(ReportWriteException.class)
                .hasMessageContaining("No space left on device").hasMessageNotContaining("\n");

        assertThat(contents(out)).isEqualTo(before);
        assertThat(scanIds(out)).containsExactly(previous.scanId());
        assertThat(hiddenLeftovers(out)).containsOnly(ReportSet.LOCK_FILE);
    }

    @Test
    void aZeroByteAttachmentFailsTheVerificationAndThePreviousSetStays() throws Exception {
        scan(ScriptedScan.mixed().subList(0, 3));
        Map<String, String> before = contents(out);

        // a disk that fills for a moment: the attachment file is created, its bytes are lost
        UnaryOperator<AllureResultsWriter> emptyAttachments = files -> new FailingWriter(files, Integer.MAX_VALUE, true);
        assertThatThrownBy(() -> ScriptedScan.run(out, FULL, new ScriptedEngine(ScriptedScan.mixed(), List.of()),
                emptyAttachments))
                .isInstanceOf(ReportWriteException.class).hasMessageContaining("is empty");

        assertThat(contents(out)).isEqualTo(before);
    }

    @Test
    void aReadOnlySubdirectoryLeavesThePreviousSet() throws Exception {
        ScanReports previous = scan(ScriptedScan.mixed().subList(0, 3));
        Map<String, String> before = contents(out);
        Path allure = out.resolve(ScanReports.ALLURE_DIRECTORY);
        readOnly(allure, true);
        try {
            assertThatThrownBy(() -> scan(ScriptedScan.mixed()))
                    .isInstanceOf(ReportWriteException.class)
                    .hasMessageContaining("the previous reports are back in place");
        } finally {
            readOnly(allure, false);
        }

        assertThat(contents(out)).isEqualTo(before);
        assertThat(scanIds(out)).containsExactly(previous.scanId());
        assertThat(out.resolve(ReportSet.JOURNAL_FILE)).doesNotExist();
    }

    @Test
    void aSecondScanIntoTheSameDirectoryStopsWhileTheFirstHoldsTheLock() throws Exception {
        try (ScanReports first = ScanReports.create(options())) {
            assertThatThrownBy(() -> ScanReports.create(options()))
                    .isInstanceOf(ReportDirectoryException.class)
                    .hasMessageContaining("another Plumb command is writing reports into " + out);
            ScriptedScan.execute(first, new ScriptedEngine(ScriptedScan.mixed(), List.of()));
            first.finish();
        }
        try (ScanReports afterwards = ScanReports.create(options())) {
            assertThat(afterwards.scanId()).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ScanReports.JUNIT_DIRECTORY, ScanReports.ALLURE_DIRECTORY})
    void aLinkedReportDirectoryIsRefusedAndWhatItPointsAtIsUntouched(String name, @TempDir Path elsewhere)
            throws Exception {
        Files.writeString(elsewhere.resolve("TEST-plumb.xml"), "not Plumb's to delete");
        Files.writeString(elsewhere.resolve("categories.json"), "not Plumb's either");
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve(name), elsewhere);

        assertThatThrownBy(() -> ScanReports.create(options()))
                .isInstanceOf(ReportDirectoryException.class)
                .hasMessageContaining(out.resolve(name) + " is a symbolic link");

        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("TEST-plumb.xml",
                    "categories.json");
        }
        assertThat(elsewhere.resolve("TEST-plumb.xml")).hasContent("not Plumb's to delete");
    }

    /**
     * A kill at any point of the moves leaves the journal; the next scan into DIR completes the
     * killed scan's set before it starts. Every file then carries that scan's id.
     */
    @Test
    void afterAKillAtAnyMoveTheNextScanCompletesTheKilledScansSet(@TempDir Path runs) throws Exception {
        int moves = countMoves(runs.resolve("count"));
        assertThat(moves).isGreaterThan(10);
        for (int killAt = 0; killAt < moves; killAt++) {
            Path dir = runs.resolve("kill-" + killAt);
            scanInto(dir, ScriptedScan.mixed().subList(0, 3));
            String killed = killedScan(dir, killAt);
            assertThat(dir.resolve(ReportSet.JOURNAL_FILE)).exists();

            try (ScanReports next = ScanReports.create(new ReportOptions(dir, "1.2.3", Set.of(), null, false, FULL))) {
                assertThat(next.recovery()).get().asString().contains(killed).contains("now complete");
                assertThat(scanIds(dir)).as("kill before move %d", killAt).containsExactly(killed);
                assertThat(new ScanReportFiles(dir).allureResults()).hasSize(6);
                new ScanReportFiles(dir).assertFormatsAgree();
            }
            assertThat(hiddenLeftovers(dir)).containsOnly(ReportSet.LOCK_FILE);
        }
    }

    @Test
    void withoutItsStagedFilesAKilledUpdateGivesBackThePreviousSet() throws Exception {
        ScanReports previous = scan(ScriptedScan.mixed().subList(0, 3));
        Map<String, String> before = contents(out);
        killedScan(out, 2);
        try (Stream<Path> staging = Files.list(out)) {
            staging.filter(p -> p.getFileName().toString().startsWith(ReportSet.STAGING_PREFIX))
                    .forEach(ReportFiles::deleteTree);
        }

        try (ScanReports next = ScanReports.create(options())) {
            assertThat(next.recovery()).get().asString().contains("the report set before it is restored");
        }
        assertThat(contents(out)).isEqualTo(before);
        assertThat(scanIds(out)).containsExactly(previous.scanId());
    }

    @Test
    void readingTheDirectoryRepairsAKilledSetToo() throws Exception {
        scan(ScriptedScan.mixed().subList(0, 3));
        String killed = killedScan(out, 3);

        try (ReportDirectory directory = ReportDirectory.open(out)) {
            assertThat(directory.repaired()).get().asString().contains(killed);
            assertThat(directory.mixedScans()).isEmpty();
        }
        assertThat(scanIds(out)).containsExactly(killed);
    }

    @Test
    void resultsOfTwoScansInAllureResultsAreNamed() throws Exception {
        ScanReports first = scan(ScriptedScan.mixed().subList(0, 3));
        Path stray;
        try (Stream<Path> files = Files.list(out.resolve(ScanReports.ALLURE_DIRECTORY))) {
            stray = files.filter(f -> f.toString().endsWith("-result.json")).findFirst().orElseThrow();
        }
        Files.writeString(out.resolve(ScanReports.ALLURE_DIRECTORY)
                        .resolve("00000000-0000-0000-0000-000000000000-result.json"),
                Files.readString(stray).replace(first.scanId(), "11111111-1111-1111-1111-111111111111"));

        try (ReportDirectory directory = ReportDirectory.open(out)) {
            assertThat(directory.mixedScans()).get().asString().contains("holds the results of 2 scans");
        }
    }

    private int countMoves(Path dir) throws Exception {
        scanInto(dir, ScriptedScan.mixed().subList(0, 3));
        AtomicInteger count = new AtomicInteger();
        try (ScanReports reports = ScanReports.create(new ReportOptions(dir, "1.2.3", Set.of(), null, false, FULL))) {
            reports.set().beforeMove(relative -> count.incrementAndGet());
            ScriptedScan.execute(reports, new ScriptedEngine(ScriptedScan.mixed(), List.of()));
            reports.finish();
        }
        return count.get();
    }

    /** A scan into dir whose process dies before move number killAt; returns its scan id. */
    private static String killedScan(Path dir, int killAt) throws Exception {
        AtomicInteger count = new AtomicInteger();
        ScanReports reports = ScanReports.create(new ReportOptions(dir, "1.2.3", Set.of(), null, false, FULL));
        reports.set().beforeMove(relative -> {
            if (count.getAndIncrement() == killAt) {
                throw new Killed();
            }
        });
        ScriptedScan.execute(reports, new ScriptedEngine(ScriptedScan.mixed(), List.of()));
        assertThatThrownBy(reports::finish).isInstanceOf(Killed.class);
        reports.set().close(); // the lock goes with the process; the staged files stay
        return reports.scanId();
    }

    /** Stands for SIGKILL: nothing after it runs, no catch block, no finally that cleans up. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    private ScanReports scan(List<ScriptedEngine.Step> steps) throws IOException {
        return scanInto(out, steps);
    }

    private static ScanReports scanInto(Path dir, List<ScriptedEngine.Step> steps) throws IOException {
        return ScriptedScan.run(dir, FULL, new ScriptedEngine(steps, List.of()));
    }

    private ReportOptions options() {
        return new ReportOptions(out, "1.2.3", Set.of(), null, false, FULL);
    }

    /** The scan ids that the files in dir carry: SARIF guid, JUnit property, Allure environment and labels. */
    static Set<String> scanIds(Path dir) throws IOException {
        ScanReportFiles files = new ScanReportFiles(dir);
        Set<String> ids = new TreeSet<>();
        for (String sarif : List.of(ScanReports.SARIF_FILE, ScanReports.SARIF_FULL_FILE)) {
            ids.add(files.sarif(sarif).path("runs").get(0).path("automationDetails").path("guid").asText());
        }
        java.util.regex.Matcher junit = java.util.regex.Pattern.compile("name=\"plumb.scanId\" value=\"([^\"]+)\"")
                .matcher(Files.readString(dir.resolve("junit/TEST-plumb.xml")));
        ids.add(junit.find() ? junit.group(1) : "no scan id in JUnit XML");
        Properties environment = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("allure-results/environment.properties"))) {
            environment.load(in);
        }
        ids.add(environment.getProperty("plumb.scanId", "no scan id in environment.properties"));
        for (JsonNode result : files.allureResults()) {
            String id = "no scan id label";
            for (JsonNode label : result.path("labels")) {
                if (label.path("name").asText().equals(AllureFindingListener.SCAN_ID_LABEL)) {
                    id = label.path("value").asText();
                }
            }
            ids.add(id);
        }
        return ids;
    }

    /** Every file in dir but the hidden ones, with its content. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = dir.relativize(file).toString();
                if (!relative.startsWith(".")) {
                    contents.put(relative, Files.readString(file));
                }
            }
        }
        assertThat(contents).containsKeys("plumb.sarif", "junit/TEST-plumb.xml");
        return contents;
    }

    private static List<String> hiddenLeftovers(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.startsWith(".")).toList();
        }
    }

    /** chmod for other users; as root, whom permissions do not stop, the immutable attribute. */
    private static void readOnly(Path directory, boolean on) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> command = root ? List.of("chattr", on ? "+i" : "-i", directory.toString())
                : List.of("chmod", on ? "a-w" : "u+w", directory.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        int exit = process.waitFor();
        if (on) {
            assumeTrue(exit == 0, "cannot make a directory read-only here: " + command);
            Path probe = directory.resolve("probe");
            boolean writable;
            try {
                Files.writeString(probe, "x");
                Files.delete(probe);
                writable = true;
            } catch (IOException e) {
                writable = false;
            }
            assumeTrue(!writable, "the directory stays writable for this user");
        }
    }

    /** Allure's file writer that fails like a full disk: after some results, or with empty attachments. */
    private static final class FailingWriter implements AllureResultsWriter {
        private final AllureResultsWriter files;
        private final int resultsBeforeFailure;
        private final boolean emptyAttachments;
        private final AtomicInteger results = new AtomicInteger();

        FailingWriter(AllureResultsWriter files, int resultsBeforeFailure, boolean emptyAttachments) {
            this.files = files;
            this.resultsBeforeFailure = resultsBeforeFailure;
            this.emptyAttachments = emptyAttachments;
        }

        @Override
        public void write(TestResult result) {
            if (results.incrementAndGet() > resultsBeforeFailure) {
                throw new AllureResultsWriteException("Could not write Allure test result",
                        new IOException("No space left on device"));
            }
            files.write(result);
        }

        @Override
        public void write(TestResultContainer container) {
            files.write(container);
        }

        @Override
        public void write(String source, InputStream attachment) {
            files.write(source, emptyAttachments ? InputStream.nullInputStream() : attachment);
        }
    }
}
