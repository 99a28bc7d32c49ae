package dev.plumb.cli;

import dev.plumb.engine.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What every byte Plumb prints passes through: line by line, secrets are masked as whole tokens
 * and control characters escaped ({@link ConsoleText}), whoever printed the line (the summary,
 * progress, problems, warnings, stack traces, a plugin writing to {@code System.out}).
 */
final class ConsoleStream extends OutputStream {

    private final OutputStream target;
    private final Secrets secrets;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    private ConsoleStream(OutputStream target, Secrets secrets) {
        this.target = target;
        this.secrets = secrets;
    }

    static PrintStream wrap(PrintStream target, Secrets secrets) {
        return new PrintStream(new ConsoleStream(target, secrets), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i + 1 - start);
                emit();
                start = i + 1;
            }
        }
        line.write(bytes, start, offset + length - start);
    }

    /** Writes out a partial line too: a prompt or a progress line without its end. */
    @Override
    public synchronized void flush() throws IOException {
        if (line.size() > 0) {
            emit();
        }
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
    }

    private void emit() throws IOException {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        target.write(ConsoleText.escape(secrets.mask(text)).getBytes(StandardCharsets.UTF_8));
        target.flush();
    }
}
