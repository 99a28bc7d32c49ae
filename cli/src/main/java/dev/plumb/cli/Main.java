package dev.plumb.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** The {@code plumb} command. Exit codes: see {@link ExitCodes}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line in this JVM and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Console console = new Console(out, err);
        CommandLine commandLine = new CommandLine(new PlumbCommand(console));
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("scan", () -> new ScanCommand(console));
        commands.put("rules", () -> new RulesCommand(console));
        commands.put("report", () -> new ReportCommand(console));
        commands.put("snapshot", () -> new SnapshotCommand(console));
        // Building a command's model is reflection over all its options: build only the one asked for,
        // unless the command line needs them all (help, or no or an unknown command).
        String first = args.length == 0 ? "" : args[0];
        commands.forEach((name, command) -> {
            if (!commands.containsKey(first) || name.equals(first)) {
                commandLine.addSubcommand(name, command.get());
            }
        });
        commandLine.setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler(new UsageErrorHandler(console))
                .setExecutionExceptionHandler(new FailureHandler(console));
        commandLine.setExitCodeExceptionMapper(e -> e instanceof UsageException ? ExitCodes.USAGE : ExitCodes.ERROR);
        return commandLine.execute(args);
    }
}
