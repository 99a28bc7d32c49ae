package dev.plumb.cli;

import dev.plumb.reporting.SarifOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The SARIF options of {@code plumb scan}: where each account's results point, and the full file. */
final class SarifLocationOptions {

    private static final Pattern MAPPING = Pattern.compile("(\\d{12})=(.+)");

    @Option(names = "--sarif-location", paramLabel = "ACCOUNT=PATH",
            description = "Point the SARIF results of this 12-digit account at PATH, a file relative to the "
                    + "repository root (e.g. the Terraform module of the account baseline), instead of "
                    + "aws/<account>/<rule id>. Repeat for several accounts.")
    List<String> locations = new ArrayList<>();

    @Option(names = "--sarif-full",
            description = "Also write DIR/plumb-full.sarif with every outcome (pass, notApplicable, "
                    + "suppressed findings with their justification) for SARIF viewers that show passes.")
    boolean full;

    /** The validated options; a bad value is a {@link UsageException}. */
    SarifOptions resolve() {
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
        return new SarifOptions(byAccount, full);
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
