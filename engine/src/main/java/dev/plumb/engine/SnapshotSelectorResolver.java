package dev.plumb.engine;

import dev.plumb.engine.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Resolves file, directory and class-path resource selectors to the snapshot files among them: a
 * JSON object with at least one section of {@code aws iam get-account-authorization-details}. Other
 * files, other JSON included, are not Plumb's and stay unresolved.
 */
final class SnapshotSelectorResolver implements SelectorResolver {

    @Override
    public Resolution resolve(FileSelector selector, Context context) {
        Path file = selector.getPath().toAbsolutePath().normalize();
        if (!Snapshot.isSnapshotFile(file)) {
            return Resolution.unresolved();
        }
        return context.addToParent(parent -> Optional.of(new SelectedSnapshot(parent.getUniqueId(), file)))
                .map(descriptor -> Resolution.match(Match.exact(descriptor)))
                .orElseGet(Resolution::unresolved);
    }

    @Override
    public Resolution resolve(DirectorySelector selector, Context context) {
        Set<DiscoverySelector> files;
        try (Stream<Path> tree = Files.walk(selector.getPath())) {
            files = tree.filter(path -> path.getFileName().toString().endsWith(".json") && Files.isRegularFile(path))
                    .sorted(Comparator.naturalOrder())
                    .map(path -> DiscoverySelectors.selectFile(path.toFile()))
                    .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new PlumbConfigurationException("cannot read the directory " + selector.getPath() + ": "
                    + e.getMessage() + ".");
        }
        return files.isEmpty() ? Resolution.unresolved() : Resolution.selectors(files);
    }

    @Override
    public Resolution resolve(ClasspathResourceSelector selector, Context context) {
        Set<DiscoverySelector> files = selector.getResources().stream()
                .map(resource -> resource.getUri())
                .filter(uri -> "file".equals(uri.getScheme()))
                .map(Path::of)
                .map(path -> Files.isDirectory(path) ? (DiscoverySelector) DiscoverySelectors.selectDirectory(path.toFile())
                        : DiscoverySelectors.selectFile(path.toFile()))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        return files.isEmpty() ? Resolution.unresolved() : Resolution.selectors(files);
    }

    /** A snapshot file a selector named; discovery turns it into the account it holds. */
    static final class SelectedSnapshot extends AbstractTestDescriptor {

        private final Path file;

        SelectedSnapshot(UniqueId parent, Path file) {
            super(parent.append("snapshot", file.toString()), file.getFileName().toString(),
                    FileSource.from(file.toFile()));
            this.file = file;
        }

        Path file() {
            return file;
        }

        @Override
        public Type getType() {
            return Type.CONTAINER;
        }
    }

}
