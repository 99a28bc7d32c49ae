package dev.plumb.cli;

import java.io.PrintStream;

/** Where the command writes: results to stdout, progress and problems to stderr. */
record Console(PrintStream out, PrintStream err) {

    void problem(String message) {
        err.println("plumb: " + message);
    }
}
