package dev.plumb.cli;

import java.io.PrintStream;

/** Whether progress goes to a person at a terminal (a line updated in place) or to a log (a line per account). */
final class Terminal {

    private Terminal() {
    }

    static boolean isStderr(PrintStream err) {
        String term = System.getenv("TERM");
        return err == System.err && System.console() != null && System.getenv("CI") == null
                && term != null && !term.equals("dumb");
    }
}
