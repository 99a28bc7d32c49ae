package dev.plumb.engine;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.plumb.api.Account;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a suppressions file:
 * <pre>
 * suppressions:
 *   - rule: account_supportrole          # rule id or glob (required)
 *     account: "123456789012"            # account id or glob (default: any)
 *     resource: "arn:aws:iam::*:root"    # resource ARN or glob (default: any)
 *     reason: Support goes through the partner's role (required)
 *     expires: 2026-06-30                # optional; from the day after, the entry no longer applies
 * </pre>
 * Jackson's YAML databind reads it into {@link Document}; every problem is one
 * {@link PlumbConfigurationException} naming the file and the line the parser reports. One document, no
 * aliases (Jackson reads {@code *name} as the text "name"), no key twice, at most {@value #MAX_BYTES} bytes.
 */
final class SuppressionFile {

    /** SnakeYAML's own limit (3 MB of code points), checked in bytes before parsing so it can say what it is. */
    static final int MAX_BYTES = 3 * 1024 * 1024;
    private static final List<String> ENTRY_KEYS = List.of("rule", "account", "resource", "reason", "expires");
    private static final String KEYS = String.join(", ", ENTRY_KEYS);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
    private static final YAMLMapper YAML = yamlMapper();

    /** The entries that apply today, and a warning for each one that has expired. */
    public record Loaded(List<Suppression> active, List<String> warnings) {
    }

    /** The file: one mapping with the key {@code suppressions}. */
    record Document(List<Located> suppressions) {
    }

    /** One entry and the line it starts on. */
    @JsonDeserialize(using = LocatedEntryReader.class)
    record Located(int line, Entry entry) {
    }

    /** One entry as written in the file; absent keys are null. */
    record Entry(String rule, String account, String resource, String reason, String expires) {
    }

    private SuppressionFile() {
    }

    private static YAMLMapper yamlMapper() {
        LoaderOptions limits = new LoaderOptions();
        limits.setCodePointLimit(MAX_BYTES);
        // rebuild() keeps the factory's defaults (an empty value is null); builder() would drop them
        YAMLFactory factory = new YAMLFactory().rebuild().loaderOptions(limits)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        return new YAMLMapper(factory);
    }

    public static Loaded read(Path file, LocalDate today) {
        if (Files.isDirectory(file)) {
            throw problem(file, "is a directory, not a YAML file");
        }
        if (!Files.exists(file)) {
            throw problem(file, "does not exist");
        }
        Document document;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw problem(file, "is larger than 3 MB (" + size + " bytes), the size limit of a suppressions file: "
                        + "keep it to the findings you accept, with globs for many alike");
            }
            document = parse(file);
        } catch (IOException e) {
            throw problem(file, "cannot be read: " + e.getMessage());
        }
        List<Suppression> active = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (document.suppressions() != null) {
            for (Located located : document.suppressions()) {
                toSuppression(file, located.line(), located.entry(), today, active, warnings);
            }
        }
        return new Loaded(active, warnings);
    }

    private static Document parse(Path file) throws IOException {
        try (NoAliases parser = new NoAliases((YAMLParser) YAML.createParser(file.toFile()))) {
            try {
                if (parser.nextToken() == null) {
                    throw problem(file, "is empty: write a 'suppressions:' list");
                }
                Document document = YAML.readValue(parser, Document.class);
                if (parser.nextToken() != null) {
                    throw problem(file, line(parser.currentTokenLocation()), "a second YAML document is not allowed: "
                            + "put every entry in the one 'suppressions' list");
                }
                return document;
            } catch (JsonProcessingException e) {
                throw problem(file, e, parser);
            }
        }
    }

    /**
     * Says in the file's terms what Jackson found wrong, at the line where it found it; an unknown
     * key at the line of the key (databind reports it once the whole entry is read).
     */
    private static PlumbConfigurationException problem(Path file, JsonProcessingException thrown, NoAliases parser) {
        JsonProcessingException e = thrown;
        while (!(e instanceof Refused) && e instanceof JsonMappingException && e.getCause() instanceof JsonProcessingException cause) {
            e = cause;
        }
        int line = line(e.getLocation());
        if (e instanceof Refused) {
            return problem(file, line, e.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return problem(file, line(parser.keyAt(unknown.getPath())), unknown.getPath().size() <= 1
                    ? "unknown key '" + unknown.getPropertyName() + "': the only top-level key is 'suppressions'"
                    : "unknown key '" + unknown.getPropertyName() + "': a suppression has the keys " + KEYS);
        }
        if (e instanceof MismatchedInputException mismatch) {
            List<JsonMappingException.Reference> path = mismatch.getPath();
            return problem(file, line, switch (path.size()) {
                case 0 -> "must be a mapping with a 'suppressions:' list";
                case 1 -> "'suppressions' must be a list of entries";
                case 2 -> "each suppression must be a mapping with the keys " + KEYS;
                default -> "'" + path.get(path.size() - 1).getFieldName() + "' must be a single value, not a list or "
                        + "a mapping";
            });
        }
        Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
        if (duplicate.matches()) {
            String key = duplicate.group(1);
            return problem(file, line, "'" + key + "' is given twice" + (ENTRY_KEYS.contains(key)
                    ? " in one suppression" : ""));
        }
        // YAML parser messages: unindented lines say what is wrong, indented ones quote the file
        String what = e.getOriginalMessage().lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .filter(l -> !l.startsWith("in '")).map(String::strip).reduce((a, b) -> a + ", " + b)
                .orElse("invalid YAML");
        return problem(file, line, "invalid YAML: " + what);
    }

    private static void toSuppression(Path file, int line, Entry entry, LocalDate today, List<Suppression> active,
            List<String> warnings) {
        if (entry.reason() == null || entry.reason().isBlank()) {
            throw problem(file, line, "the suppression has no reason: say why the finding is accepted");
        }
        if (entry.rule() == null || entry.rule().isBlank()) {
            throw problem(file, line, "the suppression has no rule: give a rule id or a glob such as 'iam_*'");
        }
        String account = entry.account() == null ? null : entry.account().strip();
        if (account != null && !Glob.isGlob(account) && !Account.isAccountId(account)) {
            throw problem(file, line, "account '" + account + "' is not a 12-digit account id or a glob; quote ids "
                    + "that start with 0");
        }
        String where = file + ":" + line;
        Suppression suppression = new Suppression(where, entry.rule().strip(), account,
                entry.resource() == null ? null : entry.resource().strip(), entry.reason().strip());
        if (entry.expires() != null) {
            LocalDate expires;
            try {
                expires = LocalDate.parse(entry.expires().strip());
            } catch (DateTimeParseException e) {
                throw problem(file, line, "expires '" + entry.expires() + "' is not a date: write YYYY-MM-DD");
            }
            if (today.isAfter(expires)) {
                warnings.add("suppression " + where + " (rule " + suppression.rule() + ") expired on " + expires
                        + " and no longer applies: renew it or remove it.");
                return;
            }
        }
        active.add(suppression);
    }

    private static int line(JsonLocation location) {
        return location == null ? -1 : location.getLineNr();
    }

    private static PlumbConfigurationException problem(Path file, String what) {
        return new PlumbConfigurationException("suppressions file " + file + " " + what + ".");
    }

    private static PlumbConfigurationException problem(Path file, int line, String what) {
        return new PlumbConfigurationException("suppressions file " + file + (line > 0 ? " line " + line : "") + ": " + what + ".");
    }

    /** A problem this class names itself, at the parser's current token. */
    static final class Refused extends JsonMappingException {

        Refused(JsonParser parser, String message) {
            super(parser, message, parser.currentTokenLocation());
        }
    }

    /** Reads an entry with the line of its first token, so that a missing key is named where the entry is. */
    static final class LocatedEntryReader extends StdDeserializer<Located> {

        LocatedEntryReader() {
            super(Located.class);
        }

        @Override
        public Located deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.isExpectedStartObjectToken()) {
                throw notAMapping(parser);
            }
            int line = line(parser.currentTokenLocation());
            return new Located(line, context.readValue(parser, Entry.class));
        }

        @Override
        public Located getNullValue(DeserializationContext context) throws JsonMappingException {
            throw notAMapping(context.getParser());
        }

        private static Refused notAMapping(JsonParser parser) {
            return new Refused(parser, "each suppression must be a mapping with the keys " + KEYS);
        }
    }

    /**
     * Refuses YAML aliases: Jackson's YAML parser reports {@code *why} as the text "why", which
     * would silently become a value. Every way of reading the next token goes through {@link #nextToken()}.
     */
    private static final class NoAliases extends JsonParserDelegate {

        private final YAMLParser yaml;
        /** Where each key was read, by its JSON pointer ({@code /suppressions/0/rule}). */
        private final Map<String, JsonLocation> keys = new HashMap<>();

        NoAliases(YAMLParser yaml) {
            super(yaml);
            this.yaml = yaml;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = yaml.nextToken();
            if (yaml.isCurrentAlias()) {
                throw new Refused(this, "the alias '*" + yaml.getText() + "' is not supported: write the value itself");
            }
            if (token == JsonToken.FIELD_NAME) {
                keys.put(yaml.getParsingContext().pathAsPointer().toString(), yaml.currentTokenLocation());
            }
            return token;
        }

        /** Where the key at the end of this path was read, or null. */
        JsonLocation keyAt(List<JsonMappingException.Reference> path) {
            JsonPointer pointer = JsonPointer.empty();
            for (JsonMappingException.Reference step : path) {
                pointer = step.getFieldName() != null ? pointer.appendProperty(step.getFieldName())
                        : pointer.appendIndex(step.getIndex());
            }
            return keys.get(pointer.toString());
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.FIELD_NAME ? nextToken() : token;
        }

        @Override
        public boolean nextFieldName(SerializableString name) throws IOException {
            return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
        }

        @Override
        public String nextFieldName() throws IOException {
            return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
        }

        @Override
        public String nextTextValue() throws IOException {
            return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
        }

        @Override
        public int nextIntValue(int defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
        }

        @Override
        public long nextLongValue(long defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
        }

        @Override
        public Boolean nextBooleanValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
        }
    }
}
