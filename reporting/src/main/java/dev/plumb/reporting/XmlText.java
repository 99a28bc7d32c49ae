package dev.plumb.reporting;

/**
 * Makes any string safe to write as XML 1.0 text or attribute value. The StAX writer escapes
 * markup ({@code <}, {@code &}, {@code "}, so also {@code ]]>}) but writes every other character as
 * it is: a control character or a lone surrogate from a rule's message would make the whole report
 * unreadable. Those become U+FFFD.
 */
final class XmlText {

    static final char REPLACEMENT = '\uFFFD';

    private XmlText() {
    }

    /** Text content: characters XML cannot hold replaced, line ends as {@code \n}. */
    static String text(String value) {
        return valid(value == null ? "" : value.replace("\r\n", "\n").replace('\r', '\n'));
    }

    /** An attribute value on one line: readers turn line ends and tabs into spaces anyway, so it says so itself. */
    static String attribute(String value) {
        return valid(value == null ? "" : value.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ')
                .replace('\t', ' '));
    }

    private static String valid(String value) {
        int length = value.length();
        int i = 0;
        while (i < length && allowed(value, i)) {
            i += Character.isHighSurrogate(value.charAt(i)) ? 2 : 1;
        }
        if (i >= length) {
            return value;
        }
        StringBuilder clean = new StringBuilder(length).append(value, 0, i);
        while (i < length) {
            if (allowed(value, i)) {
                int width = Character.isHighSurrogate(value.charAt(i)) ? 2 : 1;
                clean.append(value, i, i + width);
                i += width;
            } else {
                clean.append(REPLACEMENT);
                i++;
            }
        }
        return clean.toString();
    }

    /** XML 1.0 {@code Char}: tab, line feed, carriage return, U+0020-U+D7FF, U+E000-U+FFFD, and surrogate pairs. */
    private static boolean allowed(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }
}
