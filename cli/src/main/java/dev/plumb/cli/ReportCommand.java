package dev.plumb.cli;

import dev.plumb.reporting.ReportDirectory;
import dev.plumb.reporting.ReportDirectoryException;
import dev.plumb.reporting.ReportWriteException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
            "The history of the previous report goes into the new one (Allure's Trend widgets).",
            "",
            "Example:",
            "  plumb scan --snapshot samples/snapshots/compliant.json && plumb report"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the report was written",
            "2:Allure failed or timed out, or a half replaced report set could not be repaired",
            "3:no Allure results in DIR, results of several scans, a scan writing into DIR,",
            "  a linked report directory, or the Allure commandline is missing"})
final class ReportCommand implements Callable<Integer> {

    static final String HOME_VARIABLE = "PLUMB_ALLURE_HOME";
    static final String HISTORY = "history";
    private static final Pattern EMBEDDED_HISTORY = Pattern.compile("d\\('history/([\\w-]+\\.json)','([A-Za-z0-9+/=]*)'\\)");

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "plumb-reports",
            description = "Directory of the scan's reports (default: ${DEFAULT-VALUE}); the report goes to "
                    + "DIR/allure-report.")
    Path output;

    @Option(names = "--multi-file",
            description = "Write the usual multi-file Allure report (index.html, data/, widgets/; serve it over "
                    + "HTTP to view) instead of one self-contained index.html.")
    boolean multiFile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Time Allure may take before it is stopped (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

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
        if (timeoutSeconds < 1) {
            throw new UsageException("--timeout must be at least 1 second.");
        }
        Path allure = allureExecutable();
        Path report = output.resolve("allure-report");
        if (Files.isSymbolicLink(report)) {
            throw new UsageException(report + " is a symbolic link: Plumb writes the report only inside " + output
                    + "; replace the link with a directory or choose another --output.");
        }
        ReportDirectory opened;
        try {
            opened = openDirectory();
        } catch (ReportWriteException e) {
            console.problem(e.getMessage());
            return ExitCodes.ERROR;
        }
        try (ReportDirectory directory = opened) {
            directory.repaired().ifPresent(repaired -> console.problem("note: " + repaired));
            directory.mixedScans().ifPresent(mixed -> {
                throw new UsageException(mixed + ".");
            });
            carryHistory(report, results.resolve(HISTORY));
            return generate(allure, results, report);
        }
    }

    private ReportDirectory openDirectory() throws IOException {
        try {
            return ReportDirectory.open(output);
        } catch (ReportDirectoryException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private int generate(Path allure, Path results, Path report) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(allure.toString(), "generate", "--clean"));
        if (!multiFile) {
            command.add("--single-file");
        }
        command.addAll(List.of(results.toString(), "-o", report.toString()));
        // Allure's output goes to a file, not a pipe: reading a pipe to its end would wait for Allure
        // (and anything it started) to exit, and the timeout would never fire.
        Path log = Files.createTempFile("plumb-allure-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                console.problem("allure generate did not finish within " + timeoutSeconds + " seconds and was "
                        + "stopped; raise --timeout or check the Allure installation.");
                return ExitCodes.ERROR;
            }
            if (process.exitValue() != 0) {
                String output = Files.readString(log, StandardCharsets.UTF_8);
                console.problem("allure generate failed (exit " + process.exitValue() + "): "
                        + output.strip().lines().reduce((first, last) -> last).orElse("no output"));
                return ExitCodes.ERROR;
            }
        } finally {
            Files.deleteIfExists(log);
        }
        console.out().println("Allure report  " + report.resolve("index.html"));
        return ExitCodes.OK;
    }

    /**
     * Copies the previous report's history into the results, where Allure reads it, so that the
     * Trend widgets show compliance over time: from {@code allure-report/history/} of a multi-file
     * report, or from the history files that a single-file report embeds (base64) in its index.html.
     */
    static void carryHistory(Path report, Path target) throws IOException {
        Path folder = report.resolve(HISTORY);
        Path index = report.resolve("index.html");
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(target);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
                for (Path file : files) {
                    Files.copy(file, target.resolve(file.getFileName().toString()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } else if (Files.isRegularFile(index, LinkOption.NOFOLLOW_LINKS)) {
            Matcher embedded = EMBEDDED_HISTORY.matcher(Files.readString(index, StandardCharsets.UTF_8));
            while (embedded.find()) {
                Files.createDirectories(target);
                Files.write(target.resolve(embedded.group(1)), Base64.getDecoder().decode(embedded.group(2)));
            }
        }
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
