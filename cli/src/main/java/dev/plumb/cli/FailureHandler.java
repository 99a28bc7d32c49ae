package dev.plumb.cli;

import picocli.CommandLine;

/**
 * Expected failures ({@link UsageException}) print one line and exit 3; anything else is a bug:
 * one line too, exit 2, and the stack trace only with {@code --debug}.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

    private final Console console;

    FailureHandler(Console console) {
        this.console = console;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        boolean debug = parseResult.hasMatchedOption("--debug")
                || (parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--debug"));
        if (e instanceof dev.plumb.engine.PlumbConfigurationException) {
            console.problem(e.getMessage());
            if (debug) {
                e.printStackTrace(console.err());
            }
            return ExitCodes.USAGE;
        }
        console.problem("unexpected error: " + e + (debug ? "" : " (run with --debug for details)"));
        if (debug) {
            e.printStackTrace(console.err());
        }
        return ExitCodes.ERROR;
    }
}
