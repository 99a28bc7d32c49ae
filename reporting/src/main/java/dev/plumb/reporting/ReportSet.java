package dev.plumb.reporting;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Plumb's report set in an output directory: JUnit XML, Allure results and SARIF of one scan,
 * replaced as one unit.
 * <ul>
 * <li>{@code DIR/.plumb.lock} is locked for as long as a scan writes into DIR: a second scan stops.</li>
 * <li>{@code DIR/junit} and {@code DIR/allure-results} must be real directories, never links that
 *     would make Plumb write or delete outside DIR.</li>
 * <li>A staged set is verified (no empty file, every XML and JSON file parses, every file carries
 *     the scan id) before anything in DIR changes.</li>
 * <li>The journal {@code DIR/.plumb-journal.json} names the staged set and where the previous one
 *     goes, and is written before the first move. The previous files move aside, the new ones move in,
 *     then the journal is deleted: that is the commit. A failed move restores the previous set. After
 *     a kill, the journal lets the next scan or {@code plumb report} finish the new set.</li>
 * </ul>
 * Files that Plumb did not write stay where they are.
 */
final class ReportSet implements AutoCloseable {

    static final String LOCK_FILE = ".plumb.lock";
    static final String JOURNAL_FILE = ".plumb-journal.json";
    static final String STAGING_PREFIX = ".plumb-staging-";
    static final String PREVIOUS_PREFIX = ".plumb-previous-";
    /** The property (JUnit XML) and key (Allure environment) that carry the scan id. */
    static final String SCAN_ID_PROPERTY = "plumb.scanId";
    /** Written by Plumb before the full SARIF file got its own extension; a directory upload picks it up. */
    static final String LEGACY_SARIF_FULL_FILE = "plumb-full.sarif";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DIRECTORIES = List.of(ScanReports.JUNIT_DIRECTORY, ScanReports.ALLURE_DIRECTORY);

    /** What the journal records; paths are relative to DIR, with '/'. */
    record Journal(String scanId, String staging, String previous, List<String> newFiles, List<String> oldFiles) {
    }

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final String recovery;
    /** Called with each path before it moves; tests stop a commit here as a kill would. */
    private java.util.function.Consumer<String> beforeMove = relative -> { };

    private ReportSet(Path directory, FileChannel lockChannel, FileLock lock, String recovery) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.recovery = recovery;
    }

    /**
     * Creates DIR if needed, takes its lock, refuses linked report directories and repairs a set
     * that a killed scan left half moved.
     *
     * @throws ReportDirectoryException when another scan holds the lock or a report directory is a link
     * @throws IOException              when DIR cannot be created or written
     */
    static ReportSet open(Path directory) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new java.nio.file.FileAlreadyExistsException(directory.toString(), null,
                    "is a file, not a directory");
        }
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new ReportDirectoryException("another Plumb command is writing reports into " + directory
                    + " (it holds " + directory.resolve(LOCK_FILE) + "): wait until it ends or choose another "
                    + "output directory.");
        }
        try {
            refuseLinks(directory);
            String recovery = recover(directory).orElse(null);
            removeLeftovers(directory);
            return new ReportSet(directory, channel, lock, recovery);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    /** What {@link #open} repaired, one sentence, if anything. */
    Optional<String> recovery() {
        return Optional.ofNullable(recovery);
    }

    void beforeMove(java.util.function.Consumer<String> hook) {
        this.beforeMove = hook;
    }

    Path newStaging() throws IOException {
        return Files.createTempDirectory(directory, STAGING_PREFIX);
    }

    static void refuseLinks(Path directory) {
        for (String name : DIRECTORIES) {
            Path sub = directory.resolve(name);
            if (Files.isSymbolicLink(sub)) {
                String target;
                try {
                    target = Files.readSymbolicLink(sub).toString();
                } catch (IOException e) {
                    target = "?";
                }
                throw new ReportDirectoryException(sub + " is a symbolic link (to " + target + "): Plumb writes and "
                        + "deletes report files only inside the output directory; replace the link with a "
                        + "directory or choose another output directory.");
            }
        }
    }

    /**
     * Checks the staged set: every file non-empty, every XML and JSON file parses, the SARIF files,
     * JUnit XML and Allure environment carry {@code scanId}.
     */
    static void verify(Path staging, String scanId) {
        List<String> files = relativeFiles(staging);
        boolean junit = false;
        boolean sarif = false;
        for (String relative : files) {
            Path file = staging.resolve(relative);
            String name = file.getFileName().toString();
            try {
                if (Files.size(file) == 0) {
                    throw new ReportWriteException("the staged report " + relative + " is empty", null);
                }
                if (name.endsWith(".xml")) {
                    parseXml(file);
                    junit |= relative.startsWith(ScanReports.JUNIT_DIRECTORY + "/");
                    requireScanId(relative, Files.readString(file).contains(SCAN_ID_PROPERTY + "\" value=\"" + scanId),
                            scanId);
                } else if (name.endsWith(".sarif") || name.endsWith(".sarif.json")) {
                    JsonNode log = JSON.readTree(file.toFile());
                    requireScanId(relative, scanId.equals(log.path("runs").path(0).path("automationDetails")
                            .path("guid").asText()), scanId);
                    sarif |= name.equals(ScanReports.SARIF_FILE);
                } else if (name.endsWith(".json")) {
                    parseJson(file);
                } else if (name.equals(AllureRunFiles.ENVIRONMENT)) {
                    Properties environment = new Properties();
                    try (InputStream in = Files.newInputStream(file)) {
                        environment.load(in);
                    }
                    requireScanId(relative, scanId.equals(environment.getProperty(SCAN_ID_PROPERTY)), scanId);
                }
            } catch (IOException e) {
                throw new ReportWriteException("the staged report " + relative + " is broken: " + e.getMessage(), e);
            }
        }
        if (!junit || !sarif) {
            throw new ReportWriteException("the staged report set lacks " + (junit ? "the SARIF file" : "JUnit XML"),
                    null);
        }
    }

    private static void requireScanId(String relative, boolean carries, String scanId) {
        if (!carries) {
            throw new ReportWriteException("the staged report " + relative + " does not carry the scan id " + scanId,
                    null);
        }
    }

    private static void parseXml(Path file) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = factory.createXMLStreamReader(in);
            while (reader.hasNext()) {
                reader.next();
            }
            reader.close();
        } catch (XMLStreamException e) {
            throw new IOException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static void parseJson(Path file) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
        }
    }

    /**
     * Replaces the report set in DIR with the staged one. On failure the previous set is restored
     * and a {@link ReportWriteException} says what failed.
     */
    void commit(Path staging, String scanId, boolean keepLegacyFullSarif) {
        refuseLinks(directory);
        Path previous;
        Journal journal;
        try {
            previous = Files.createTempDirectory(directory, PREVIOUS_PREFIX);
            List<String> oldFiles = ownFiles(directory);
            if (!keepLegacyFullSarif && Files.isRegularFile(directory.resolve(LEGACY_SARIF_FULL_FILE),
                    LinkOption.NOFOLLOW_LINKS)) {
                oldFiles.add(LEGACY_SARIF_FULL_FILE);
            }
            journal = new Journal(scanId, staging.getFileName().toString(), previous.getFileName().toString(),
                    relativeFiles(staging), oldFiles);
            writeJournal(directory, journal);
        } catch (IOException e) {
            throw new ReportWriteException("cannot prepare the report update in " + directory + ": " + e.getMessage()
                    + "; the previous reports are unchanged", e);
        }
        try {
            moveIn(directory, journal, beforeMove);
        } catch (IOException | RuntimeException e) {
            String restored;
            try {
                rollBack(directory, journal);
                restored = "the previous reports are back in place";
            } catch (IOException | RuntimeException again) {
                restored = "the previous reports could not be restored (" + again.getMessage()
                        + "); the next plumb scan or plumb report into this directory repairs them";
                throw new ReportWriteException("cannot move the reports into " + directory + ": " + e.getMessage()
                        + "; " + restored, e);
            }
            throw new ReportWriteException("cannot move the reports into " + directory + ": " + e.getMessage()
                    + "; " + restored, e);
        }
        ReportFiles.deleteTree(previous);
    }

    /** Moves the previous files aside and the new ones in, then deletes the journal: the commit. */
    static void moveIn(Path directory, Journal journal, java.util.function.Consumer<String> beforeMove)
            throws IOException {
        Path staging = directory.resolve(journal.staging());
        Path previous = directory.resolve(journal.previous());
        for (String relative : journal.oldFiles()) {
            Path current = directory.resolve(relative);
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !isNew(staging, journal, relative)) {
                Path aside = previous.resolve(relative);
                Files.createDirectories(aside.getParent());
                beforeMove.accept(relative);
                ReportFiles.moveFile(current, aside);
            }
        }
        for (String relative : journal.newFiles()) {
            Path staged = staging.resolve(relative);
            if (Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
                Path target = directory.resolve(relative);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    // a previous file that was not Plumb's by name, or left by a killed move: keep it aside
                    Path aside = previous.resolve(relative);
                    Files.createDirectories(aside.getParent());
                    ReportFiles.moveFile(target, aside);
                }
                Files.createDirectories(target.getParent());
                beforeMove.accept(relative);
                ReportFiles.moveFile(staged, target);
            }
        }
        Files.delete(directory.resolve(JOURNAL_FILE));
        ReportFiles.deleteTree(staging);
    }

    /** A path of the new set that already moved in: it is no longer staged. */
    private static boolean isNew(Path staging, Journal journal, String relative) {
        return journal.newFiles().contains(relative) && !Files.exists(staging.resolve(relative), LinkOption.NOFOLLOW_LINKS);
    }

    /** Takes the new files out again and moves the previous ones back, then deletes the journal. */
    static void rollBack(Path directory, Journal journal) throws IOException {
        Path staging = directory.resolve(journal.staging());
        Path previous = directory.resolve(journal.previous());
        for (String relative : journal.newFiles()) {
            if (!Files.exists(staging.resolve(relative), LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(directory.resolve(relative));
            }
        }
        for (String relative : relativeFiles(previous)) {
            Path target = directory.resolve(relative);
            Files.createDirectories(target.getParent());
            ReportFiles.moveFile(previous.resolve(relative), target);
        }
        Files.delete(directory.resolve(JOURNAL_FILE));
        ReportFiles.deleteTree(previous);
        ReportFiles.deleteTree(staging);
    }

    /**
     * Finishes or undoes a report update that a killed scan left behind: forward when every new
     * file is still staged or already in place, else back to the previous set.
     */
    static Optional<String> recover(Path directory) throws IOException {
        Path file = directory.resolve(JOURNAL_FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Journal journal;
        try {
            journal = JSON.readValue(file.toFile(), Journal.class);
        } catch (IOException e) {
            // the journal is written to a temporary file and moved into place: a broken one is not ours
            throw new ReportWriteException(file + " is not a readable Plumb journal (" + e.getMessage()
                    + "): the reports in " + directory + " may be mixed; delete it and run plumb scan again", e);
        }
        Path staging = directory.resolve(journal.staging());
        boolean complete = journal.newFiles().stream().allMatch(relative ->
                Files.exists(staging.resolve(relative), LinkOption.NOFOLLOW_LINKS)
                        || Files.exists(directory.resolve(relative), LinkOption.NOFOLLOW_LINKS));
        if (complete) {
            moveIn(directory, journal, relative -> { });
            ReportFiles.deleteTree(directory.resolve(journal.previous()));
            return Optional.of("an earlier scan (" + journal.scanId() + ") was stopped while it replaced the reports "
                    + "in " + directory + "; its report set is now complete");
        }
        rollBack(directory, journal);
        return Optional.of("an earlier scan (" + journal.scanId() + ") was stopped while it replaced the reports in "
                + directory + "; the report set before it is restored");
    }

    /** Staging and previous-set directories of scans that were killed, once no journal names them. */
    private static void removeLeftovers(Path directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                entry -> entry.getFileName().toString().startsWith(STAGING_PREFIX)
                        || entry.getFileName().toString().startsWith(PREVIOUS_PREFIX))) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    ReportFiles.deleteTree(entry);
                }
            }
        }
    }

    private static void writeJournal(Path directory, Journal journal) throws IOException {
        Path temporary = Files.createTempFile(directory, ".plumb-journal-", ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(journal)));
            channel.force(true);
        }
        ReportFiles.moveFile(temporary, directory.resolve(JOURNAL_FILE));
    }

    /** Plumb's own files in DIR, by name: what a new set replaces. */
    static List<String> ownFiles(Path directory) throws IOException {
        List<String> own = new ArrayList<>();
        for (String name : List.of(ScanReports.SARIF_FILE, ScanReports.SARIF_FULL_FILE)) {
            if (Files.isRegularFile(directory.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                own.add(name);
            }
        }
        addOwn(directory, ScanReports.JUNIT_DIRECTORY, ScanReports::isJUnitFile, own);
        addOwn(directory, ScanReports.ALLURE_DIRECTORY, AllureRunFiles::isAllureFile, own);
        return own;
    }

    private static void addOwn(Path directory, String sub, java.util.function.Predicate<Path> ours, List<String> own)
            throws IOException {
        Path folder = directory.resolve(sub);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && ours.test(file)) {
                    own.add(sub + "/" + file.getFileName());
                }
            }
        }
    }

    /** Every regular file under root, relative, sorted, with '/'. */
    static List<String> relativeFiles(Path root) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            TreeSet<String> files = new TreeSet<>();
            walk.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .forEach(path -> files.add(root.relativize(path).toString().replace('\\', '/')));
            return new ArrayList<>(files);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock anyway
        }
    }
}
