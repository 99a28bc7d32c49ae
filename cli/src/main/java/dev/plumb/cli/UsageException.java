package dev.plumb.cli;

/** Bad usage or input, found before any scan started: one line, exit code 3. */
class UsageException extends dev.plumb.engine.PlumbConfigurationException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
