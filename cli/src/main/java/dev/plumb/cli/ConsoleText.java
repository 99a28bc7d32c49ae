package dev.plumb.cli;

/**
 * Text from outside (snapshot names, findings, plugin and AWS messages) made safe for a terminal:
 * control characters and ANSI escapes are shown as escapes ({@code \x1b}), so a role name cannot
 * move the cursor, clear the screen or forge a line. The reports keep the exact text.
 */
final class ConsoleText {

    private ConsoleText() {
    }

    /** Escapes every control character except line feed and tab, which keep lines and columns. */
    static String escape(String text) {
        return escape(text, false);
    }

    /** Escapes line feeds too: one value stays on one line. */
    static String oneLine(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean lineFeeds) {
        if (text == null) {
            return "null";
        }
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = c == '\n' && !lineFeeds || c == '\t' ? null : replacement(c);
            if (replacement != null && safe == null) {
                safe = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (safe != null) {
                if (replacement == null) {
                    safe.append(c);
                } else {
                    safe.append(replacement);
                }
            }
        }
        return safe == null ? text : safe.toString();
    }

    private static String replacement(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case 0x1b -> "\\e";
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    yield String.format("\\x%02x", (int) c);
                }
                // C1 controls (0x9b is an 8-bit CSI) and the bidirectional overrides that reorder what is shown
                if (c >= 0x80 && c <= 0x9f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
                    yield String.format("\\u%04x", (int) c);
                }
                yield null;
            }
        };
    }
}
