package dev.plumb.reporting;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Moves finished reports from the staging directory into place, so no reader ever sees half a file. */
final class ReportFiles {

    private ReportFiles() {
    }

    static Path prepareOutput(Path directory) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new FileAlreadyExistsException(directory.toString(), null, "is a file, not a directory");
        }
        Files.createDirectories(directory);
        return Files.createTempDirectory(directory, ".plumb-staging-");
    }

    /** Replaces one report file. */
    static void moveFile(Path staged, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Moves every file of a staged directory into the target directory, after deleting the files
     * in the target that {@code ours} says a previous run of Plumb wrote. Other files stay.
     */
    static void replaceDirectory(Path staged, Path target, java.util.function.Predicate<Path> ours) throws IOException {
        Files.createDirectories(target);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(target)) {
            for (Path file : old) {
                if (Files.isRegularFile(file) && ours.test(file)) {
                    Files.delete(file);
                }
            }
        }
        if (!Files.isDirectory(staged)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staged)) {
            for (Path file : files) {
                moveFile(file, target.resolve(file.getFileName().toString()));
            }
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // a leftover staging file is harmless and hidden
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
