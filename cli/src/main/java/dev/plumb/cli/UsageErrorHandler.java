package dev.plumb.cli;

import picocli.CommandLine;

/** Unknown options and bad values: one line naming the problem and where help is, exit 3. */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    private final Console console;

    UsageErrorHandler(Console console) {
        this.console = console;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        String message = e.getMessage().replaceAll("\\s+", " ").strip();
        console.problem(message + (message.endsWith(".") ? "" : ".") + " Run '" + command
                + " --help' for the options.");
        return ExitCodes.USAGE;
    }
}
