package dev.plumb.reporting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps secrets out of reports. Findings arrive masked (the engine masks them where their text is
 * made); JUnit XML copies every Java system property into {@code <properties>}, so the scrubber
 * drops the properties whose names mark them as secret or whose values hold a secret (the command
 * line holds the external id). XML is never text-replaced: an external id such as {@code testcase}
 * would break the markup. Other report files are masked as a last resort.
 */
final class SecretScrubber {

    static final String MASK = "****";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(secret|token|passw|credential|private|access.?key|external.?id|session).*");
    private static final Pattern PROPERTY = Pattern.compile("\\s*<property name=\"([^\"]*)\" value=\"([^\"]*)\"\\s*/>\\R?");
    private static final int SHORTEST_SECRET = 4;
    private static final String PROPERTIES_START = "<properties>";
    private static final String PROPERTIES_END = "</properties>";

    private final List<String> secrets;
    private final List<Pattern> secretTokens;

    SecretScrubber(Set<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= SHORTEST_SECRET)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        this.secretTokens = secrets.stream().filter(s -> s != null && !s.isBlank())
                .flatMap(s -> java.util.stream.Stream.of(s, escapeXml(s))).distinct()
                .map(s -> Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(s) + "(?![\\p{L}\\p{N}_])"))
                .toList();
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
        if (!(name.endsWith(".xml") || name.endsWith(".json") || name.endsWith(".sarif") || name.endsWith(".txt")
                || name.endsWith(".properties") || name.endsWith(".md") || name.endsWith(".html"))) {
            return;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String clean = scrub(text, name.endsWith(".xml"));
        if (!clean.equals(text)) {
            Files.writeString(file, clean, StandardCharsets.UTF_8);
        }
    }

    String scrub(String text, boolean xml) {
        if (xml) {
            return dropSecretProperties(text);
        }
        String clean = text;
        for (String secret : secrets) {
            clean = clean.replace(secret, MASK);
        }
        return clean;
    }

    /** Only inside {@code <properties>} blocks: a report of many findings is not copied for nothing. */
    private String dropSecretProperties(String xml) {
        StringBuilder kept = null;
        int copied = 0;
        for (int start = xml.indexOf(PROPERTIES_START); start >= 0; start = xml.indexOf(PROPERTIES_START, start + 1)) {
            int end = xml.indexOf(PROPERTIES_END, start);
            if (end < 0) {
                break;
            }
            String block = xml.substring(start, end);
            Matcher property = PROPERTY.matcher(block);
            StringBuilder cleanBlock = new StringBuilder();
            while (property.find()) {
                boolean secret = SECRET_NAME.matcher(property.group(1)).matches()
                        || secretTokens.stream().anyMatch(token -> token.matcher(property.group(2)).find());
                property.appendReplacement(cleanBlock, secret ? "" : Matcher.quoteReplacement(property.group()));
            }
            property.appendTail(cleanBlock);
            if (cleanBlock.length() != block.length()) {
                kept = kept == null ? new StringBuilder(xml.length()) : kept;
                kept.append(xml, copied, start).append(cleanBlock);
                copied = end;
            }
        }
        return kept == null ? xml : kept.append(xml, copied, xml.length()).toString();
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
