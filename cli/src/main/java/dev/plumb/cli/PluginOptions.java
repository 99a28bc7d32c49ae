package dev.plumb.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where rule plugins come from; shared by every command that needs the rule catalog. */
final class PluginOptions {

    static final String ENVIRONMENT = "PLUMB_PLUGINS";

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Load the rule packs of every jar in DIR, each jar in its own class loader. Repeatable; "
                    + "also " + ENVIRONMENT + " (directories separated by ':', ';' on Windows). Plugins "
                    + "run with Plumb's full permissions: name only directories you trust.")
    List<Path> directories = new ArrayList<>();

    /** The directories of {@value #ENVIRONMENT} first, then those of the command line, without repeats. */
    List<Path> resolved(Map<String, String> environment) {
        List<Path> all = new ArrayList<>();
        String fromEnvironment = environment.get(ENVIRONMENT);
        if (fromEnvironment != null) {
            for (String part : fromEnvironment.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    all.add(Path.of(part.strip()));
                }
            }
        }
        all.addAll(directories);
        return all.stream().map(path -> path.toAbsolutePath().normalize()).distinct().toList();
    }
}
