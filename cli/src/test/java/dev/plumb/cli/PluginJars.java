package dev.plumb.cli;

import com.google.inject.Module;
import dev.plumb.api.RulePack;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars from the sources under {@code src/test/plugins/<name>}: compiled with the
 * JDK compiler against Plumb's API, packed with their resources. The sources are not on the test
 * class path, so each plugin's classes exist only in its jar, as in a real installation.
 */
final class PluginJars {

    private static final Path SOURCES = Path.of("src/test/plugins");

    private PluginJars() {
    }

    /** Compiles plugin {@code name} into {@code directory/<jarName>}. */
    static Path build(String name, Path directory, String jarName) {
        try {
            Path source = SOURCES.resolve(name);
            Path classes = Files.createTempDirectory("plugin-classes-" + name);
            List<String> javaFiles;
            try (Stream<Path> files = Files.walk(source)) {
                javaFiles = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                    "-classpath", classPath()));
            args.addAll(javaFiles);
            int status = compiler.run(null, null, System.err, args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("the test plugin " + name + " does not compile");
            }
            Files.createDirectories(directory);
            Path jar = directory.resolve(jarName);
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
                add(zip, classes, path -> true);
                add(zip, source, path -> !path.toString().endsWith(".java"));
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(JarOutputStream zip, Path root, java.util.function.Predicate<Path> wanted)
            throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).filter(wanted).sorted().toList()) {
                zip.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    /** Plumb's API, Guice and jakarta.inject: what a plugin compiles against. */
    private static String classPath() {
        return Stream.of(RulePack.class, Module.class, Inject.class).map(PluginJars::location)
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
