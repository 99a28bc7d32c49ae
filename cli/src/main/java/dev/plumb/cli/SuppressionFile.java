package dev.plumb.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.plumb.api.Account;
import dev.plumb.engine.Glob;
import dev.plumb.engine.Suppression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * Every problem is one {@link UsageException} naming the file and line.
 */
final class SuppressionFile {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final List<String> ENTRY_KEYS = List.of("rule", "account", "resource", "reason", "expires");
    private static final String KEYS = String.join(", ", ENTRY_KEYS);

    /** The entries that apply today, and a warning for each one that has expired. */
    record Loaded(List<Suppression> active, List<String> warnings) {
    }

    /** One entry as written in the file; absent keys are null. */
    record Entry(String rule, String account, String resource, String reason, String expires) {
    }

    private SuppressionFile() {
    }

    static Loaded read(Path file, LocalDate today) {
        if (Files.isDirectory(file)) {
            throw problem(file, "is a directory, not a YAML file");
        }
        if (!Files.exists(file)) {
            throw problem(file, "does not exist");
        }
        List<Suppression> active = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(file.toFile())) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw problem(file, "is empty: write a 'suppressions:' list");
            }
            if (token != JsonToken.START_OBJECT) {
                throw problem(file, line(parser), "must be a mapping with a 'suppressions:' list");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                if (!key.equals("suppressions")) {
                    throw problem(file, line(parser), "unknown key '" + key + "': the only top-level key is "
                            + "'suppressions'");
                }
                JsonToken list = parser.nextToken();
                if (list == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (list != JsonToken.START_ARRAY) {
                    throw problem(file, line(parser), "'suppressions' must be a list of entries");
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    int line = line(parser);
                    if (parser.currentToken() != JsonToken.START_OBJECT) {
                        throw problem(file, line, "each suppression must be a mapping with the keys " + KEYS);
                    }
                    toSuppression(file, line, entry(file, parser), today, active, warnings);
                }
            }
        } catch (JsonProcessingException e) {
            // YAML parser messages: unindented lines say what is wrong, indented ones quote the file
            String what = e.getOriginalMessage().lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                    .filter(l -> !l.startsWith("in '")).map(String::strip).reduce((a, b) -> a + ", " + b)
                    .orElse("invalid YAML");
            throw problem(file, e.getLocation() == null ? -1 : e.getLocation().getLineNr(), "invalid YAML: " + what);
        } catch (IOException e) {
            throw problem(file, "cannot be read: " + e.getMessage());
        }
        return new Loaded(active, warnings);
    }

    /** Reads one entry, with the line of each key, so that a wrong key is named where it is. */
    private static Entry entry(Path file, JsonParser parser) throws IOException {
        Map<String, String> values = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = line(parser);
            if (!ENTRY_KEYS.contains(key)) {
                throw problem(file, line, "unknown key '" + key + "': a suppression has the keys " + KEYS);
            }
            JsonToken value = parser.nextToken();
            if (!value.isScalarValue()) {
                throw problem(file, line, "'" + key + "' must be a single value, not a list or a mapping");
            }
            if (values.containsKey(key)) {
                throw problem(file, line, "'" + key + "' is given twice in one suppression");
            }
            values.put(key, value == JsonToken.VALUE_NULL ? null : parser.getText());
        }
        return new Entry(values.get("rule"), values.get("account"), values.get("resource"), values.get("reason"),
                values.get("expires"));
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

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static UsageException problem(Path file, String what) {
        return new UsageException("suppressions file " + file + " " + what + ".");
    }

    private static UsageException problem(Path file, int line, String what) {
        return new UsageException("suppressions file " + file + (line > 0 ? " line " + line : "") + ": " + what + ".");
    }
}
