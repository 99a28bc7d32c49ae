package dev.plumb.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import dev.plumb.engine.Secrets;
import picocli.CommandLine;

/** The {@code plumb} command. Exit codes: see {@link ExitCodes}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Console console = new Console(System.out, System.err, Secrets.fromEnvironment(System.getenv()));
        // Whatever else prints (a plugin, a library, a stack trace) passes through the same masking and escaping.
        System.setOut(console.out());
        System.setErr(console.err());
        System.exit(run(args, console));
    }

    /** Runs one command line in this JVM and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, new Console(out, err, Secrets.fromEnvironment(System.getenv())));
    }

    private static int run(String[] args, Console console) {
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
                .setOut(new PrintWriter(console.out(), true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(console.err(), true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler(new UsageErrorHandler(console))
                .setExecutionExceptionHandler(new FailureHandler(console));
        // plain help: ANSI styles would reach the terminal as escapes
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        commandLine.setExitCodeExceptionMapper(e -> e instanceof dev.plumb.engine.PlumbConfigurationException ? ExitCodes.USAGE : ExitCodes.ERROR);
        return commandLine.execute(args);
    }
}
