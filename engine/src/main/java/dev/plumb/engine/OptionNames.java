package dev.plumb.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * How the one-line errors of a scan name its options. Under a JUnit Platform
 * launcher they name the keys of {@link PlumbEngineKeys} ({@link #KEYS}); Plumb's command line names
 * its own options instead, so each check has one implementation and speaks the user's language.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class OptionNames {

    /** The keys themselves: {@code plumb.rules=x}, {@code set plumb.accounts}. */
    public static final OptionNames KEYS = new OptionNames(Map.of(), false);

    private final Map<String, String> options;
    private final boolean commandLine;

    private OptionNames(Map<String, String> options, boolean commandLine) {
        this.options = Map.copyOf(options);
        this.commandLine = commandLine;
    }

    /**
     * The options of a command line: each key mapped to the option that sets it (a key without one
     * keeps its own name). Errors then say {@code --rules x}, {@code add --accounts ID,...} and
     * point at the command that lists the rules.
     */
    public static OptionNames commandLine(Map<String, String> optionsByKey) {
        return new OptionNames(optionsByKey, true);
    }

    /** The name of the option, for example {@code --role-name} or {@code plumb.roleName}. */
    String of(String key) {
        return options.getOrDefault(key, key);
    }

    /** The option with what it takes, for example {@code --role-name NAME}, or just the key. */
    String with(String key, String placeholder) {
        return options.containsKey(key) ? options.get(key) + " " + placeholder : key;
    }

    /** The option as set, for example {@code --rules s3_*} or {@code plumb.rules=s3_*}. */
    String setting(String key, String value) {
        return options.containsKey(key) ? options.get(key) + " " + value : key + "=" + value;
    }

    /** How the user gives an option that is missing: "add" on a command line, "set" for a key. */
    String add() {
        return commandLine ? "add" : "set";
    }

    /** What ends a line about unknown rules: where to list them, if the user has a command for it. */
    String listRules() {
        return commandLine ? " Run 'plumb rules' to list them." : "";
    }
}
