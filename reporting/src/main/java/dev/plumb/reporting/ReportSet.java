package dev.plumb.reporting;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
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

    /**
     * What the journal records: the scan, its staging directory, where the previous set goes, and the
     * phase. While {@value #ASIDE}, Plumb's files in DIR are the previous set's; from {@value #IN} on,
     * the previous set is entirely aside and Plumb's files in DIR are the new set's. No list of files:
     * the journal stays small whatever the number of findings.
     */
    record Journal(String scanId, String staging, String previous, String phase) {

        Journal in() {
            return new Journal(scanId, staging, previous, IN);
        }
    }

    static final String ASIDE = "aside";
    static final String IN = "in";

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
        boolean junit = false;
        boolean sarif = false;
        try (Stream<Path> walk = walkFiles(staging)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                String relative = relative(staging, file);
                verifyFile(file, relative, scanId);
                junit |= relative.startsWith(ScanReports.JUNIT_DIRECTORY + "/") && relative.endsWith(".xml");
                sarif |= relative.equals(ScanReports.SARIF_FILE);
            }
        }
        if (!junit || !sarif) {
            throw new ReportWriteException("the staged report set lacks " + (junit ? "the SARIF file" : "JUnit XML"),
                    null);
        }
    }

    private static void verifyFile(Path file, String relative, String scanId) {
        String name = file.getFileName().toString();
        try {
            if (Files.size(file) == 0) {
                throw new ReportWriteException("the staged report " + relative + " is empty", null);
            }
            if (name.endsWith(".xml")) {
                requireScanId(relative, scanId.equals(xmlScanId(file)), scanId);
            } else if (name.endsWith(".sarif") || name.endsWith(".sarif.json")) {
                requireScanId(relative, scanId.equals(parseJson(file, "guid")), scanId);
            } else if (name.endsWith(".json")) {
                parseJson(file, null);
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

    private static void requireScanId(String relative, boolean carries, String scanId) {
        if (!carries) {
            throw new ReportWriteException("the staged report " + relative + " does not carry the scan id " + scanId,
                    null);
        }
    }

    /** Reads the whole file as XML (streaming); returns the value of its plumb.scanId property, if any. */
    private static String xmlScanId(Path file) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        String found = null;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = factory.createXMLStreamReader(in);
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamReader.START_ELEMENT && found == null
                        && reader.getLocalName().equals("property")
                        && SCAN_ID_PROPERTY.equals(reader.getAttributeValue(null, "name"))) {
                    found = reader.getAttributeValue(null, "value");
                }
            }
            reader.close();
        } catch (XMLStreamException e) {
            throw new IOException("not well-formed XML: " + e.getMessage(), e);
        }
        return found;
    }

    /** Reads the whole file as JSON (streaming); returns the first value of the field {@code field}, if asked. */
    private static String parseJson(Path file, String field) throws IOException {
        String found = null;
        try (JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (found == null && field != null && token == JsonToken.FIELD_NAME && field.equals(parser.currentName())) {
                    parser.nextToken();
                    found = parser.getValueAsString();
                }
            }
        }
        return found;
    }

    /**
     * Replaces the report set in DIR with the staged one. On failure the previous set is restored
     * and a {@link ReportWriteException} says what failed.
     */
    void commit(Path staging, String scanId) {
        refuseLinks(directory);
        Journal journal;
        try {
            Path previous = Files.createTempDirectory(directory, PREVIOUS_PREFIX);
            journal = new Journal(scanId, staging.getFileName().toString(), previous.getFileName().toString(), ASIDE);
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
                rollBack(directory);
                restored = "the previous reports are back in place";
            } catch (IOException | RuntimeException again) {
                restored = "the previous reports could not be restored (" + again.getMessage()
                        + "); the next plumb scan or plumb report into this directory repairs them";
            }
            throw new ReportWriteException("cannot move the reports into " + directory + ": " + e.getMessage()
                    + "; " + restored, e);
        }
    }

    /**
     * Moves the previous set aside (phase {@value #ASIDE}), then the staged set in (phase {@value #IN}),
     * then deletes the journal, which commits the new set; from any phase reached before.
     */
    static void moveIn(Path directory, Journal journal, java.util.function.Consumer<String> beforeMove)
            throws IOException {
        Path staging = directory.resolve(journal.staging());
        Path previous = directory.resolve(journal.previous());
        if (journal.phase().equals(ASIDE)) {
            eachOwnFile(directory, relative -> {
                Path aside = previous.resolve(relative);
                Files.createDirectories(aside.getParent());
                beforeMove.accept(relative);
                ReportFiles.moveFile(directory.resolve(relative), aside);
            });
            writeJournal(directory, journal.in());
        }
        try (Stream<Path> walk = walkFiles(staging)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                String relative = relative(staging, file);
                Path target = directory.resolve(relative);
                Files.createDirectories(target.getParent());
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    // not Plumb's by name, yet in the way: keep it with the previous set
                    Path aside = previous.resolve(relative);
                    Files.createDirectories(aside.getParent());
                    ReportFiles.moveFile(target, aside);
                }
                beforeMove.accept(relative);
                ReportFiles.moveFile(file, target);
            }
        }
        Files.delete(directory.resolve(JOURNAL_FILE));
        ReportFiles.deleteTree(staging);
        ReportFiles.deleteTree(previous);
    }

    /** Takes the new files out again (phase {@value #IN}), moves the previous ones back, deletes the journal. */
    static void rollBack(Path directory) throws IOException {
        Journal journal = readJournal(directory);
        Path staging = directory.resolve(journal.staging());
        Path previous = directory.resolve(journal.previous());
        if (journal.phase().equals(IN)) {
            eachOwnFile(directory, relative -> Files.delete(directory.resolve(relative)));
        }
        try (Stream<Path> walk = walkFiles(previous)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                Path target = directory.resolve(relative(previous, file));
                Files.createDirectories(target.getParent());
                ReportFiles.moveFile(file, target);
            }
        }
        Files.delete(directory.resolve(JOURNAL_FILE));
        ReportFiles.deleteTree(previous);
        ReportFiles.deleteTree(staging);
    }

    /**
     * Finishes a report update that a killed scan left behind: its staged set was verified before the
     * journal was written, so while the staging directory exists the update goes forward. Without it
     * (removed by hand) the previous set comes back, unless every new file had already moved in.
     */
    static Optional<String> recover(Path directory) throws IOException {
        if (!Files.exists(directory.resolve(JOURNAL_FILE), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Journal journal = readJournal(directory);
        boolean staged = Files.isDirectory(directory.resolve(journal.staging()), LinkOption.NOFOLLOW_LINKS);
        if (staged || journal.phase().equals(IN)) {
            Files.createDirectories(directory.resolve(journal.staging()));
            moveIn(directory, journal, relative -> { });
            return Optional.of("an earlier scan (" + journal.scanId() + ") was stopped while it replaced the reports "
                    + "in " + directory + "; its report set is now complete");
        }
        rollBack(directory);
        return Optional.of("an earlier scan (" + journal.scanId() + ") was stopped while it replaced the reports in "
                + directory + "; the report set before it is restored");
    }

    private static Journal readJournal(Path directory) {
        Path file = directory.resolve(JOURNAL_FILE);
        try {
            return JSON.readValue(file.toFile(), Journal.class);
        } catch (IOException e) {
            // the journal is written to a temporary file and moved into place: a broken one is not ours
            throw new ReportWriteException(file + " is not a readable Plumb journal (" + e.getMessage()
                    + "): the reports in " + directory + " may be mixed; delete it and run plumb scan again", e);
        }
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

    interface FileAction {
        void apply(String relative) throws IOException;
    }

    /** Plumb's own files in DIR, by name, one at a time: what a new set replaces (also an older Plumb's full SARIF). */
    static void eachOwnFile(Path directory, FileAction action) throws IOException {
        for (String name : List.of(ScanReports.SARIF_FILE, ScanReports.SARIF_FULL_FILE, LEGACY_SARIF_FULL_FILE)) {
            if (Files.isRegularFile(directory.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                action.apply(name);
            }
        }
        eachOwn(directory, ScanReports.JUNIT_DIRECTORY, ScanReports::isJUnitFile, action);
        eachOwn(directory, ScanReports.ALLURE_DIRECTORY, AllureRunFiles::isAllureFile, action);
    }

    private static void eachOwn(Path directory, String sub, java.util.function.Predicate<Path> ours, FileAction action)
            throws IOException {
        Path folder = directory.resolve(sub);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && ours.test(file)) {
                    action.apply(sub + "/" + file.getFileName());
                }
            }
        }
    }

    /** Every regular file under root (none if root is missing), without following links. */
    private static Stream<Path> walkFiles(Path root) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return Stream.empty();
        }
        try {
            return Files.walk(root).filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
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
