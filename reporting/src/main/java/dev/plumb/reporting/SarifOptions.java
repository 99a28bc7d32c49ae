package dev.plumb.reporting;

import java.util.Map;
import java.util.TreeMap;

/**
 * How the SARIF files are written.
 *
 * @param locations per account id, a repository-relative file that SARIF results point to instead
 *                  of the synthetic {@code aws/<account>/<rule>}
 * @param full      also write {@code plumb-full.sarif} with every outcome
 */
public record SarifOptions(Map<String, String> locations, boolean full) {

    public static final SarifOptions DEFAULT = new SarifOptions(Map.of(), false);

    public SarifOptions {
        locations = java.util.Collections.unmodifiableMap(new TreeMap<>(locations));
    }
}
