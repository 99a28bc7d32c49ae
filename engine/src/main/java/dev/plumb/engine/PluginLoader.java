package dev.plumb.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plumb.api.RulePack;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import org.apiguardian.api.API;

/**
 * Builds the rule catalog from the built-in packs and the plugin jars of the
 * directories the user named ({@link PlumbEngineKeys#PLUGINS}). Each jar gets its own class loader
 * whose parent is Plumb's, so plugins share Plumb's API, AWS SDK core and Guice, and never see each
 * other. Trust model: a plugin runs inside Plumb with all of its permissions and credentials; Plumb
 * loads jars only from directories named by the user, never from the working directory or the class path.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class PluginLoader implements AutoCloseable {

    private final Consumer<String> warnings;
    private final OptionNames names;
    private final List<URLClassLoader> loaders = new ArrayList<>();

    /**
     * @param warnings receives what the user should know about plugins that load anyway
     * @param names    how errors name the plugin option
     */
    public PluginLoader(Consumer<String> warnings, OptionNames names) {
        this.warnings = warnings;
        this.names = names;
    }

    /** The catalog of the built-in packs plus those of every plugin jar; problems are usage errors. */
    public RuleCatalog catalog(List<Path> directories) {
        return catalog(PluginLoader.class.getClassLoader(), directories);
    }

    /** The catalog of the packs visible to {@code base} plus those of every plugin jar, each loaded below it. */
    RuleCatalog catalog(ClassLoader plumb, List<Path> directories) {
        List<RulePack> packs = new ArrayList<>(packsOwnedBy(plumb, null, "the built-in rules"));
        for (Path directory : directories) {
            for (Path jar : jarsIn(directory)) {
                URLClassLoader loader = new URLClassLoader("plumb-plugin:" + jar.getFileName(), new URL[] {url(jar)},
                        plumb);
                List<RulePack> found = packsOwnedBy(loader, loader, "plugin " + jar);
                if (found.isEmpty()) {
                    warnings.accept("plugin jar " + jar + " has no rule pack (no class listed in "
                            + "META-INF/services/" + RulePack.class.getName() + "); it is ignored.");
                    close(loader);
                    continue;
                }
                loaders.add(loader);
                packs.addAll(found);
            }
        }
        try {
            return RuleCatalog.of(packs);
        } catch (CatalogException e) {
            throw new PlumbConfigurationException(e.getMessage());
        } catch (LinkageError | RuntimeException e) {
            throw new PlumbConfigurationException("a rule pack cannot list its rules: " + e
                    + ". Rebuild the plugin against this version of Plumb's API.");
        }
    }

    /**
     * The packs the loader itself defines: a plugin's loader also sees the built-in packs through
     * its parent, and those must not count twice.
     */
    private static List<RulePack> packsOwnedBy(ClassLoader loader, ClassLoader owner, String what) {
        List<RulePack> packs = new ArrayList<>();
        try {
            ServiceLoader.load(RulePack.class, loader).stream()
                    .filter(provider -> owner == null || provider.type().getClassLoader() == owner)
                    .forEach(provider -> packs.add(provider.get()));
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new PlumbConfigurationException("cannot load the rule packs of " + what + ": " + e.getMessage()
                    + ". Each class listed in META-INF/services/" + RulePack.class.getName()
                    + " must be a public RulePack with a public no-argument constructor.");
        }
        return packs;
    }

    private List<Path> jarsIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new PlumbConfigurationException("plugin directory " + directory + (Files.exists(directory) ? " is not a directory"
                    : " does not exist") + ": give " + names.of(PlumbEngineKeys.PLUGINS) + " a directory of plugin jars.");
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.jar")) {
            entries.forEach(jars::add);
        } catch (IOException e) {
            throw new PlumbConfigurationException("cannot read plugin directory " + directory + ": " + e
                    + ". Check that it exists and that you may read it.");
        }
        jars.sort(null);
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
                throw new PlumbConfigurationException("cannot read plugin jar " + jar + ": check that it is a readable file.");
            }
            checkReadable(jar);
        }
        return jars;
    }

    /**
     * A class loader skips a jar it cannot open as if it were empty, which would make a truncated
     * or mistaken file look like a jar without rule packs: open it first, and refuse it.
     */
    private static void checkReadable(Path jar) {
        try (JarFile ignored = new JarFile(jar.toFile())) {
            // opening reads the jar's central directory, which a truncated file has lost
        } catch (IOException | SecurityException e) {
            throw new PlumbConfigurationException("plugin jar " + jar + " is not a readable jar (" + e.getMessage()
                    + "): replace it with a complete copy, or remove it from the plugin directory.");
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new PlumbConfigurationException("plugin jar path " + jar + " cannot be used: " + e.getMessage());
        }
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // the jar is unused: a failure to close it changes nothing
        }
    }

    /** Releases the plugin jars; call after the scan. */
    @Override
    public void close() {
        loaders.forEach(PluginLoader::close);
        loaders.clear();
    }
}
