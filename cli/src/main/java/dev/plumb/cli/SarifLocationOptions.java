package dev.plumb.cli;

import dev.plumb.reporting.SarifOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The SARIF options of {@code plumb scan}: where each account's results point, the category, the full file. */
final class SarifLocationOptions {

    private static final Pattern MAPPING = Pattern.compile("(\\d{12})=(.+)");

    @Option(names = "--sarif-location", paramLabel = "ACCOUNT=PATH",
            description = "Link the SARIF results of this 12-digit account to PATH, a file relative to the "
                    + "repository root (e.g. the Terraform module of the account baseline), as a related "
                    + "location. Repeat for several accounts.")
    List<String> locations = new ArrayList<>();

    @Option(names = "--sarif-category", paramLabel = "NAME",
            description = "Upload category (automationDetails.id) of plumb.sarif. Default: "
                    + "plumb/<partition>/org-<organization id>/ with --org, plumb/<partition>/<account>/ for the "
                    + "credentials' own account, plumb/<partition>/ otherwise. Give each scan that uploads "
                    + "to the same repository a category of its own.")
    String category;

    @Option(names = "--sarif-full",
            description = "Also write DIR/plumb-full.sarif.json with every outcome (pass, notApplicable, "
                    + "suppressed findings with their justification) for SARIF viewers that show passes; "
                    + "not *.sarif, so uploading DIR does not pick it up.")
    boolean full;

    private static final Pattern CATEGORY = Pattern.compile("[\\p{Graph}&&[^\\\\]]+(?: [\\p{Graph}&&[^\\\\]]+)*/?");

    /**
     * The validated options; a bad value is a {@link UsageException}.
     *
     * @param defaultCategory the category when --sarif-category is not given
     */
    SarifOptions resolve(String defaultCategory) {
        if (category != null && !CATEGORY.matcher(category).matches()) {
            throw new UsageException("--sarif-category '" + category + "' is not a category: give printable "
                    + "characters without backslashes, for example plumb/aws/prod.");
        }
        Map<String, String> byAccount = new LinkedHashMap<>();
        for (String location : locations) {
            Matcher mapping = MAPPING.matcher(location.strip());
            if (!mapping.matches()) {
                throw new UsageException("--sarif-location '" + location + "' is not ACCOUNT=PATH with a 12-digit "
                        + "account id, for example 123456789012=infra/accounts/prod/main.tf.");
            }
            String path = mapping.group(2).strip().replace('\\', '/');
            String problem = pathProblem(path);
            if (problem != null) {
                throw new UsageException("--sarif-location '" + location + "': " + problem
                        + "; give a path relative to the repository root, like infra/accounts/prod/main.tf.");
            }
            if (byAccount.put(mapping.group(1), path) != null) {
                throw new UsageException("--sarif-location names account " + mapping.group(1)
                        + " twice; give one path per account.");
            }
        }
        return new SarifOptions(byAccount, full, category != null ? category : defaultCategory);
    }

    /**
     * The default category. It never depends on the set of accounts, which changes when accounts join
     * or leave: a changed category would leave the alerts of the old one open for ever.
     *
     * @param partitions     the partitions scanned
     * @param organizationId with --org, the organization's id (null if unknown)
     * @param callerAccount  for a scan of the credentials' own account, that account; else null
     */
    static String defaultCategory(java.util.Collection<String> partitions, boolean organization,
            String organizationId, String callerAccount) {
        String base = "plumb/" + String.join("+", new java.util.TreeSet<>(partitions)) + "/";
        if (organization) {
            return base + (organizationId != null ? "org-" + organizationId : "org") + "/";
        }
        return callerAccount != null ? base + callerAccount + "/" : base;
    }

    private static String pathProblem(String path) {
        if (path.isEmpty()) {
            return "the path is empty";
        }
        if (path.contains(":")) {
            return "the path contains a colon (GitHub rejects URIs and drive letters)";
        }
        if (path.startsWith("/")) {
            return "the path is absolute";
        }
        if (List.of(path.split("/")).contains("..")) {
            return "the path leaves the repository with '..'";
        }
        if (path.endsWith("/")) {
            return "the path names a directory, not a file";
        }
        return null;
    }
}
