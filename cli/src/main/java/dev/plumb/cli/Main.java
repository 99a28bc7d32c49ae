package dev.plumb.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The {@code plumb} command. Exit codes: see {@link ExitCodes}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Warmup.startFor(args);
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line in this JVM and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Console console = new Console(out, err);
        CommandLine commandLine = new CommandLine(new PlumbCommand(console))
                .addSubcommand("scan", new ScanCommand(console))
                .addSubcommand("rules", new RulesCommand(console))
                .addSubcommand("report", new ReportCommand(console))
                .addSubcommand("snapshot", new SnapshotCommand(console))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler(new UsageErrorHandler(console))
                .setExecutionExceptionHandler(new FailureHandler(console));
        commandLine.setExitCodeExceptionMapper(e -> e instanceof UsageException ? ExitCodes.USAGE : ExitCodes.ERROR);
        return commandLine.execute(args);
    }
}
