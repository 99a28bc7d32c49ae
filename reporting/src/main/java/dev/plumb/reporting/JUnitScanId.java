package dev.plumb.reporting;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Adds {@code <property name="plumb.scanId" value="..."/>} as the first property of the legacy JUnit
 * XML listener's {@code <properties>}, line by line, without reading the file into memory.
 */
final class JUnitScanId {

    private static final String PROPERTIES = "<properties>";

    private JUnitScanId() {
    }

    static void insert(Path junitDirectory, String scanId) throws IOException {
        if (!Files.isDirectory(junitDirectory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(junitDirectory, "*.xml")) {
            for (Path file : files) {
                insertInto(file, scanId);
            }
        }
    }

    private static void insertInto(Path file, String scanId) throws IOException {
        Path copy = file.resolveSibling(file.getFileName() + ".tmp");
        boolean inserted = false;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                int at = inserted ? -1 : line.indexOf(PROPERTIES);
                if (at < 0) {
                    out.write(line);
                    out.newLine();
                    continue;
                }
                int after = at + PROPERTIES.length();
                out.write(line, 0, after);
                out.newLine();
                out.write("\t\t<property name=\"" + ReportSet.SCAN_ID_PROPERTY + "\" value=\"" + scanId + "\"/>");
                out.newLine();
                if (!line.substring(after).isBlank()) {
                    out.write(line.substring(after));
                    out.newLine();
                }
                inserted = true;
            }
        }
        if (inserted) {
            ReportFiles.moveFile(copy, file);
        } else {
            Files.delete(copy);
        }
    }
}
