package dev.plumb.cli;

import dev.plumb.engine.Secrets;
import java.io.PrintStream;

/**
 * Where the command writes: results to stdout, progress and problems to stderr. Both mask the
 * {@link #secrets()} and escape control characters ({@link ConsoleStream}); the secrets grow as
 * the command learns them (credentials it resolves, the external id).
 */
final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final PrintStream terminalErr;
    private final Secrets secrets;

    Console(PrintStream out, PrintStream err) {
        this(out, err, new Secrets());
    }

    Console(PrintStream out, PrintStream err, Secrets secrets) {
        this.secrets = secrets;
        this.out = ConsoleStream.wrap(out, secrets);
        this.err = ConsoleStream.wrap(err, secrets);
        this.terminalErr = Terminal.isStderr(err) ? err : null;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    Secrets secrets() {
        return secrets;
    }

    /**
     * The raw stderr when it is a terminal, for the progress line that rewrites itself with a
     * carriage return (it holds only counts and times); otherwise null.
     */
    PrintStream terminalErr() {
        return terminalErr;
    }

    void problem(String message) {
        err.println("plumb: " + message);
    }
}
