package dev.plumb.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * An output directory opened to read its report set ({@code plumb report}): locked against a scan
 * writing into it, with a set that a killed scan left half replaced repaired first.
 */
public final class ReportDirectory implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final ReportSet set;

    private ReportDirectory(Path directory, ReportSet set) {
        this.directory = directory;
        this.set = set;
    }

    /**
     * @throws ReportDirectoryException when a scan is writing into the directory or a report directory is a link
     * @throws ReportWriteException     when a half replaced set cannot be repaired
     */
    public static ReportDirectory open(Path directory) throws IOException {
        return new ReportDirectory(directory, ReportSet.open(directory));
    }

    /** What opening repaired, one sentence, if anything. */
    public Optional<String> repaired() {
        return set.recovery();
    }

    /**
     * Why the Allure results are not one scan's, if they are not: results whose scan id differs from
     * each other's or from {@code environment.properties}. Results without a scan id (written by
     * another tool or an older Plumb) are not counted.
     */
    public Optional<String> mixedScans() throws IOException {
        Path results = directory.resolve(ScanReports.ALLURE_DIRECTORY);
        TreeSet<String> ids = new TreeSet<>();
        Path environment = results.resolve(AllureRunFiles.ENVIRONMENT);
        if (Files.isRegularFile(environment)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(environment)) {
                properties.load(in);
            }
            Optional.ofNullable(properties.getProperty(ReportSet.SCAN_ID_PROPERTY)).ifPresent(ids::add);
        }
        if (Files.isDirectory(results)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(results, "*-result.json")) {
                for (Path file : files) {
                    for (JsonNode label : JSON.readTree(file.toFile()).path("labels")) {
                        if (AllureFindingListener.SCAN_ID_LABEL.equals(label.path("name").asText())) {
                            ids.add(label.path("value").asText());
                        }
                    }
                }
            }
        }
        return ids.size() <= 1 ? Optional.empty() : Optional.of(results + " holds the results of " + ids.size()
                + " scans (" + String.join(", ", ids) + "), not one report set: run plumb scan again");
    }

    @Override
    public void close() {
        set.close();
    }
}
