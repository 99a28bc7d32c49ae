package dev.plumb.reporting;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.plumb.internal.report.ReportedFinding;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The findings a SARIF file needs, kept on disk instead of in memory: one JSON line per finding, in
 * one file per rule container (an account x rule), so that memory stays flat in the number of
 * findings. {@link #findings()} reads them back in report order (by account, rule and resource),
 * one rule container at a time.
 */
final class FindingSpool implements AutoCloseable {

    /** One line of a spool file. */
    record Line(String id, String name, Map<String, String> finding) {
    }

    /**
     * An open spool file. The file itself is closed even when the last flush fails (a full disk):
     * a writer that fails to flush on close leaves its stream open.
     */
    private record SpoolFile(Writer writer, OutputStream stream) {

        void close() throws IOException {
            try (stream) {
                writer.close();
            }
        }
    }

    private record Container(String accountId, String ruleId) {
        static final Comparator<Container> ORDER = Comparator.comparing(Container::accountId)
                .thenComparing(Container::ruleId);
    }

    /** ASCII lines: a lone surrogate in a message travels as an escape, never as a malformed byte. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private final Path directory;
    private final Map<Container, Path> files = new ConcurrentSkipListMap<>(Container.ORDER);
    private final Map<Container, SpoolFile> open = new ConcurrentHashMap<>();
    private final AtomicInteger names = new AtomicInteger();
    private final AtomicReference<IOException> failure = new AtomicReference<>();

    /** @param directory where the spool files go; created when the first finding comes */
    FindingSpool(Path directory) {
        this.directory = directory;
    }

    /** Appends a finding to the file of its rule container. A write error is kept and thrown by {@link #findings()}. */
    void add(FindingEvent finding) {
        Container container = new Container(finding.accountId(), finding.ruleId());
        try {
            SpoolFile out = open.computeIfAbsent(container, this::create);
            String line = JSON.writeValueAsString(new Line(finding.uniqueId(), finding.name(),
                    finding.finding().toEntries()));
            synchronized (out) {
                out.writer().write(line);
                out.writer().write('\n');
            }
        } catch (IOException | UncheckedIOException e) {
            failure.compareAndSet(null, e instanceof UncheckedIOException unchecked ? unchecked.getCause()
                    : (IOException) e);
        }
    }

    private SpoolFile create(Container container) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("findings-" + names.incrementAndGet() + ".jsonl");
            OutputStream stream = Files.newOutputStream(file);
            files.put(container, file);
            return new SpoolFile(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8)), stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rule container ended: its file is complete. */
    void closeContainer(String accountId, String ruleId) {
        close(new Container(accountId, ruleId));
    }

    private void close(Container container) {
        SpoolFile out = open.remove(container);
        if (out != null) {
            try {
                synchronized (out) {
                    out.close();
                }
            } catch (IOException e) {
                failure.compareAndSet(null, e);
            }
        }
    }

    /** Closes the files still open (a scan that failed before its SARIF file was written). */
    @Override
    public void close() {
        List.copyOf(open.keySet()).forEach(this::close);
    }

    /**
     * Every spooled finding, in report order; each call reads the files again. Files still open
     * (a rule container that never ended) are closed first.
     *
     * @throws UncheckedIOException when a finding could not be spooled or read back
     */
    Iterable<FindingEvent> findings() {
        close();
        if (failure.get() != null) {
            throw new UncheckedIOException("cannot keep findings for the SARIF file in " + directory, failure.get());
        }
        List<Path> ordered = List.copyOf(files.values());
        return () -> new ContainerIterator(ordered.iterator());
    }

    /** Reads one container file at a time, sorted by resource: memory holds one rule's findings in one account. */
    private static final class ContainerIterator implements Iterator<FindingEvent> {

        private final Iterator<Path> files;
        private Iterator<FindingEvent> current = java.util.Collections.emptyIterator();

        ContainerIterator(Iterator<Path> files) {
            this.files = files;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && files.hasNext()) {
                current = read(files.next()).iterator();
            }
            return current.hasNext();
        }

        @Override
        public FindingEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        private static List<FindingEvent> read(Path file) {
            List<FindingEvent> findings = new ArrayList<>();
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String text = in.readLine(); text != null; text = in.readLine()) {
                    Line line = JSON.readValue(text, Line.class);
                    findings.add(new FindingEvent(line.id(), line.name(),
                            ReportedFinding.fromEntries(line.finding()).orElseThrow()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read back the findings kept in " + file, e);
            }
            findings.sort(FindingEvent.REPORT_ORDER);
            return findings;
        }
    }
}
