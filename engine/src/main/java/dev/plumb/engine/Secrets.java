package dev.plumb.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plumb.api.Finding;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Values that must never be printed or reported: credentials (access key id, secret access key,
 * session token) and external ids. They are masked where text is made, before it reaches a report
 * or the console, never by replacing text inside a finished file.
 *
 * <p>A secret is masked where it stands as a whole token: not where it is part of a longer run of
 * letters, digits and underscores. So the external id {@code ab} is masked in {@code ExternalId=ab}
 * but leaves {@code table} alone, however short it is. Its URL-encoded form (as an echoed query
 * string shows it) is masked too. Thread-safe: the engine adds the credentials of assumed roles
 * while other threads mask.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class Secrets {

    public static final String MASK = "****";

    private static final String[] VARIABLES = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_SECURITY_TOKEN"};
    private static final String[] PROPERTIES = {"aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken",
        "aws.secretKey"};

    private final Secrets parent;
    private final Set<String> values = ConcurrentHashMap.newKeySet();
    private volatile List<String> longestFirst = List.of();

    public Secrets() {
        this(null);
    }

    private Secrets(Secrets parent) {
        this.parent = parent;
    }

    /** The credentials of the environment and of the {@code aws.*} system properties. */
    public static Secrets fromEnvironment(Map<String, String> environment) {
        Secrets secrets = new Secrets();
        for (String variable : VARIABLES) {
            secrets.add(environment.get(variable));
        }
        for (String property : PROPERTIES) {
            secrets.add(System.getProperty(property));
        }
        return secrets;
    }

    /** Secrets of their own (one account's session credentials) on top of these. */
    Secrets child() {
        return new Secrets(this);
    }

    /** Adds a value; null and blank values are ignored. */
    public void add(String value) {
        if (value == null || value.isBlank() || values.contains(value)) {
            return;
        }
        synchronized (values) {
            values.add(value);
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
            if (!encoded.equals(value)) {
                values.add(encoded);
            }
            longestFirst = values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        }
    }

    public void addAll(Collection<String> more) {
        more.forEach(this::add);
    }

    /** Every value known here and in the parent, including the encoded forms. */
    public Set<String> values() {
        Set<String> all = ConcurrentHashMap.newKeySet();
        if (parent != null) {
            all.addAll(parent.values());
        }
        all.addAll(values);
        return Set.copyOf(all);
    }

    /** The text with every secret that stands as a whole token replaced by {@value #MASK}. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : longestFirst) {
            masked = maskToken(masked, secret);
        }
        return parent == null ? masked : parent.mask(masked);
    }

    /** The finding with its message and evidence masked; the resource, its name, is kept exact. */
    Finding mask(Finding finding) {
        if (isEmpty()) {
            return finding;
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        finding.evidence().forEach((key, value) -> evidence.put(key, mask(value)));
        return new Finding(finding.outcome(), finding.resource(), mask(finding.message()), evidence);
    }

    private boolean isEmpty() {
        return values.isEmpty() && (parent == null || parent.isEmpty());
    }

    private static String maskToken(String text, String secret) {
        int found = text.indexOf(secret);
        if (found < 0) {
            return text;
        }
        StringBuilder masked = new StringBuilder(text.length());
        int copied = 0;
        while (found >= 0) {
            int end = found + secret.length();
            if (standsAlone(text, found, end, secret)) {
                masked.append(text, copied, found).append(MASK);
                copied = end;
                found = text.indexOf(secret, end);
            } else {
                found = text.indexOf(secret, found + 1);
            }
        }
        return masked.append(text, copied, text.length()).toString();
    }

    /** Not glued to identifier characters on either side (where the secret itself starts or ends with one). */
    private static boolean standsAlone(String text, int start, int end, String secret) {
        boolean before = start == 0 || !isIdentifierPart(secret.charAt(0)) || !isIdentifierPart(text.charAt(start - 1));
        boolean after = end == text.length() || !isIdentifierPart(secret.charAt(secret.length() - 1))
                || !isIdentifierPart(text.charAt(end));
        return before && after;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
