package dev.plumb.cli;

/** Bad usage or input, found before any scan started: one line, exit code 3. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
