package dev.plumb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Turns the Allure results of a scan (DIR/allure-results) into the Allure HTML report",
            "DIR/allure-report/index.html, one self-contained file, with the Allure commandline that",
            "the build took from Maven Central (cli/target/allure-VERSION, or PLUMB_ALLURE_HOME).",
            "",
            "Example:",
            "  plumb scan --snapshot samples/snapshots/compliant.json && plumb report"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the report was written",
            "2:Allure failed to write the report",
            "3:no Allure results in DIR, or the Allure commandline is missing"})
final class ReportCommand implements Callable<Integer> {

    static final String HOME_VARIABLE = "PLUMB_ALLURE_HOME";
    private static final long TIMEOUT_MINUTES = 10;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "plumb-reports",
            description = "Directory of the scan's reports (default: ${DEFAULT-VALUE}); the report goes to "
                    + "DIR/allure-report.")
    Path output;

    @Option(names = "--multi-file",
            description = "Write the usual multi-file Allure report (index.html, data/, widgets/; serve it over "
                    + "HTTP to view) instead of one self-contained index.html.")
    boolean multiFile;

    private final Console console;

    ReportCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        Path results = output.resolve("allure-results");
        if (!Files.isDirectory(results)) {
            throw new UsageException("no Allure results in " + results + ": run 'plumb scan -o " + output
                    + "' first.");
        }
        Path allure = allureExecutable();
        Path report = output.resolve("allure-report");
        List<String> command = new ArrayList<>(List.of(allure.toString(), "generate", "--clean"));
        if (!multiFile) {
            command.add("--single-file");
        }
        command.addAll(List.of(results.toString(), "-o", report.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String log;
        try (InputStream in = process.getInputStream()) {
            log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            console.problem("allure generate did not finish within " + TIMEOUT_MINUTES + " minutes.");
            return ExitCodes.ERROR;
        }
        if (process.exitValue() != 0) {
            console.problem("allure generate failed (exit " + process.exitValue() + "): "
                    + log.strip().lines().reduce((first, last) -> last).orElse("no output"));
            return ExitCodes.ERROR;
        }
        console.out().println("Allure report  " + report.resolve("index.html"));
        return ExitCodes.OK;
    }

    /** {@code PLUMB_ALLURE_HOME/bin/allure}, else the commandline the build unpacked next to the jar. */
    static Path allureExecutable() {
        String home = System.getenv(HOME_VARIABLE);
        Path base = home != null && !home.isBlank() ? Path.of(home) : buildDirectory().resolve("allure-" + allureVersion());
        Path executable = base.resolve("bin").resolve("allure");
        if (!Files.isExecutable(executable)) {
            throw new UsageException("the Allure commandline is missing (" + executable + "): build Plumb with "
                    + "'mvn -B package' or set " + HOME_VARIABLE + " to an Allure 2 installation.");
        }
        return executable;
    }

    /** The directory holding plumb.jar (or the compiled classes): cli/target in a build. */
    private static Path buildDirectory() {
        try {
            return Path.of(ReportCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the plumb jar", e);
        }
    }

    static String allureVersion() {
        try (InputStream in = ReportCommand.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("allure", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
