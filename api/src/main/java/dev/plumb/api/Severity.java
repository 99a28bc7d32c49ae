package dev.plumb.api;

import java.util.Locale;

/** How bad a {@link Outcome#FAIL} of a rule is. */
public enum Severity {
    INFORMATIONAL,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** Lower-case name, as written in reports and accepted on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown severity '" + text
                    + "': use one of informational, low, medium, high, critical");
        }
    }
}
