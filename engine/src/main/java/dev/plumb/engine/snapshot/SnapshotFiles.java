package dev.plumb.engine.snapshot;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * The snapshot files of one scan, each read and checked once: whoever plans the scan reads them
 * here (to learn their accounts and refuse bad files before it starts), and the engine scans what
 * was read then, even if a file changes or breaks while the scan runs.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class SnapshotFiles {

    private final Map<Path, Snapshot> read = new ConcurrentHashMap<>();

    /** The snapshot in the file, read on first use; throws {@link SnapshotException} naming the file. */
    public Snapshot read(Path file) {
        return read.computeIfAbsent(file.toAbsolutePath().normalize(), key -> Snapshot.read(file));
    }
}
