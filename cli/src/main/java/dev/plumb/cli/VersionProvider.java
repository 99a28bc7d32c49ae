package dev.plumb.cli;

import dev.plumb.internal.PlumbVersion;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {

    static String version() {
        return PlumbVersion.get();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"plumb " + version(), "Java " + System.getProperty("java.version")};
    }
}
