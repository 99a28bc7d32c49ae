package dev.plumb.reporting;

import java.util.Map;
import java.util.TreeMap;

/**
 * How the SARIF files are written.
 *
 * @param locations per account id, a repository-relative file that SARIF results point to (as a related
 *                  location) besides the synthetic {@code aws/<account>/<rule>}
 * @param full      also write {@code plumb-full.sarif.json} with every outcome
 * @param category  {@code automationDetails.id} of the run, ending with {@code /}; null for
 *                  {@code plumb/<partition>/}
 */
public record SarifOptions(Map<String, String> locations, boolean full, String category) {

    public static final SarifOptions DEFAULT = new SarifOptions(Map.of(), false);

    public SarifOptions {
        locations = java.util.Collections.unmodifiableMap(new TreeMap<>(locations));
        if (category != null) {
            category = category.strip();
            if (category.isEmpty()) {
                throw new IllegalArgumentException("a SARIF category must not be empty");
            }
            category = category.endsWith("/") ? category : category + "/";
        }
    }

    public SarifOptions(Map<String, String> locations, boolean full) {
        this(locations, full, null);
    }
}
