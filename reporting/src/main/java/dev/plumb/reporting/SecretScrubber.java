package dev.plumb.reporting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Masks every known secret value (credentials in use, external ids) in the report files written by
 * other libraries (Allure's JSON, SARIF). Plumb's JUnit XML is left alone: it carries no system
 * properties, only Plumb's own facts and the findings, so there is nothing to mask and no XML text
 * to break.
 */
final class SecretScrubber {

    static final String MASK = "****";
    private static final int SHORTEST_SECRET = 4;

    private final List<String> secrets;

    SecretScrubber(Set<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= SHORTEST_SECRET)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    void scrubTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                scrubFile(file);
            }
        }
    }

    void scrubFile(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!(name.endsWith(".json") || name.endsWith(".sarif") || name.endsWith(".txt")
                || name.endsWith(".properties") || name.endsWith(".md") || name.endsWith(".html"))) {
            return;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String clean = scrub(text);
        if (!clean.equals(text)) {
            Files.writeString(file, clean, StandardCharsets.UTF_8);
        }
    }

    String scrub(String text) {
        String clean = text;
        for (String secret : secrets) {
            clean = clean.replace(secret, MASK);
        }
        return clean;
    }
}
