package dev.plumb.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "plumb",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Checks AWS accounts against rules and reports every finding as a test result:",
            "JUnit XML, Allure results and SARIF for GitHub code scanning."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing failed",
            "1:at least one FAIL (at or above --fail-on)",
            "2:at least one ERROR: results are incomplete (takes precedence over 1; not with --allow-errors)",
            "3:bad usage or input before any scan"},
        footer = {"%nRun 'plumb COMMAND --help' for the options of a command."})
final class PlumbCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    private final Console console;

    PlumbCommand(Console console) {
        this.console = console;
    }

    Console console() {
        return console;
    }

    @Override
    public void run() {
        throw new UsageException("no command given: use 'plumb scan', 'plumb snapshot' or 'plumb rules'."
                + " Run 'plumb --help' for more.");
    }
}
