package dev.plumb.cli;

import dev.plumb.testing.JUnitXml;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real command line in this JVM and captures what it printed. */
record Cli(int exitCode, String out, String err, Path output) {

    static Cli run(Path output, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (output != null && !all.contains("--output")) {
            all.add("--output");
            all.add(output.toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), output);
    }

    JUnitXml junit() {
        return JUnitXml.parse(output.resolve("junit").resolve("TEST-plumb.xml")).assertConsistent();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
