package dev.plumb.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Plumb's version, kept in one place: the build writes it into {@code version.properties} next to
 * this class, and the engine, the reports and the command line all read it here.
 */
public final class PlumbVersion {

    private static final String VERSION = read();

    private PlumbVersion() {
    }

    /** The version of this build of Plumb, for example {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = PlumbVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing next to " + PlumbVersion.class.getName());
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            if (version == null || version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException("version.properties holds no built version: " + version);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
