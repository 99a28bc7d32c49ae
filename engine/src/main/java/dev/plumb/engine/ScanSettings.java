package dev.plumb.engine;

import static dev.plumb.engine.PlumbEngineKeys.*;

import dev.plumb.api.Account;
import dev.plumb.api.Severity;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The scan options of {@link PlumbEngineKeys}, read and checked once from the configuration
 * parameters. Every mistake is one line naming the key ({@link PlumbConfigurationException}).
 */
record ScanSettings(
        List<Path> snapshots,
        List<String> accounts,
        Path accountsFile,
        boolean organization,
        String roleName,
        String externalId,
        String region,
        String profile,
        String endpoint,
        List<String> rules,
        List<String> excludeRules,
        List<String> tags,
        Severity minSeverity,
        Path suppressions,
        int parallelism,
        int ruleTimeout,
        int callTimeout,
        int accountTimeout,
        boolean debug) {

    private static final Pattern ROLE_NAME_PATTERN = Pattern.compile("[\\w+=,.@-]{1,64}(/[\\w+=,.@-]{1,64})*");
    private static final Pattern EXTERNAL_ID_PATTERN = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    static ScanSettings from(ConfigurationParameters parameters) {
        return from(parameters, System.getenv());
    }

    static ScanSettings from(ConfigurationParameters parameters, Map<String, String> environment) {
        String region = text(parameters, REGION).or(() -> Optional.ofNullable(environment.get("AWS_REGION")))
                .or(() -> Optional.ofNullable(environment.get("AWS_DEFAULT_REGION"))).filter(r -> !r.isBlank())
                .orElse(DEFAULT_REGION);
        String profile = text(parameters, PROFILE).orElse(environment.get("AWS_PROFILE"));
        ScanSettings settings = new ScanSettings(
                list(parameters, SNAPSHOTS).stream().map(Path::of).toList(),
                list(parameters, ACCOUNTS),
                text(parameters, ACCOUNTS_FILE).map(Path::of).orElse(null),
                bool(parameters, ORG),
                text(parameters, ROLE_NAME).orElse(null),
                text(parameters, EXTERNAL_ID).orElse(null),
                region, profile,
                text(parameters, ENDPOINT_URL).orElse(null),
                list(parameters, RULES), list(parameters, EXCLUDE_RULES),
                list(parameters, TAGS).stream().map(tag -> tag.toLowerCase(Locale.ROOT)).toList(),
                text(parameters, MIN_SEVERITY).map(ScanSettings::severity).orElse(null),
                text(parameters, SUPPRESSIONS).map(Path::of).orElse(null),
                number(parameters, PARALLELISM, DEFAULT_PARALLELISM),
                number(parameters, RULE_TIMEOUT, 300),
                number(parameters, CALL_TIMEOUT, 60),
                number(parameters, ACCOUNT_TIMEOUT, 900),
                bool(parameters, DEBUG));
        settings.validate();
        return settings;
    }

    boolean hasTargets() {
        return !accounts.isEmpty() || accountsFile != null || organization;
    }

    private void validate() {
        if (ruleTimeout < 1 || callTimeout < 1 || accountTimeout < 1) {
            throw problem(RULE_TIMEOUT + ", " + CALL_TIMEOUT + " and " + ACCOUNT_TIMEOUT
                    + " must be at least 1 second.");
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw problem(PARALLELISM + " must be between 1 and " + MAX_PARALLELISM + ", not " + parallelism + ".");
        }
        if (!snapshots.isEmpty() && (hasTargets() || roleName != null || externalId != null)) {
            throw problem(SNAPSHOTS + " scans offline files and cannot be combined with " + ACCOUNTS + ", "
                    + ACCOUNTS_FILE + ", " + ORG + ", " + ROLE_NAME + " or " + EXTERNAL_ID
                    + ": choose one way to pick accounts.");
        }
        if (organization && (!accounts.isEmpty() || accountsFile != null)) {
            throw problem(ORG + " scans every account of the organization and cannot be combined with "
                    + ACCOUNTS + " or " + ACCOUNTS_FILE + ": choose one.");
        }
        if (hasTargets() && roleName == null) {
            throw problem(ACCOUNTS + ", " + ACCOUNTS_FILE + " and " + ORG + " need " + ROLE_NAME + ": the role "
                    + "Plumb assumes in each account (for example OrganizationAccountAccessRole or a read-only audit "
                    + "role).");
        }
        if (!hasTargets() && (roleName != null || externalId != null)) {
            throw problem(ROLE_NAME + " and " + EXTERNAL_ID + " need targets: set " + ACCOUNTS + ", "
                    + ACCOUNTS_FILE + " or " + ORG + ".");
        }
        if (roleName != null && !ROLE_NAME_PATTERN.matcher(roleName).matches()) {
            throw problem(ROLE_NAME + " '" + roleName + "' is not an IAM role name (letters, digits and +=,.@_- up "
                    + "to 64 characters, optionally after a path such as audit/).");
        }
        if (externalId != null && !EXTERNAL_ID_PATTERN.matcher(externalId).matches()) {
            throw problem(EXTERNAL_ID + " is not valid: 2 to 1224 letters, digits or +=,.@:/-_.");
        }
        for (String id : accounts) {
            if (!Account.isAccountId(id)) {
                throw problem(ACCOUNTS + ": '" + id + "' is not an AWS account id (12 digits).");
            }
        }
    }

    /** The ids of {@link PlumbEngineKeys#ACCOUNTS} and {@link PlumbEngineKeys#ACCOUNTS_FILE}, sorted. */
    List<String> listedAccounts() {
        TreeSet<String> ids = new TreeSet<>(accounts);
        if (accountsFile != null) {
            ids.addAll(AccountsFile.read(accountsFile, ACCOUNTS_FILE));
        }
        return List.copyOf(ids);
    }

    /** The chosen rules, in catalog order; empty when every rule runs. */
    List<String> ruleIds(RuleCatalog catalog) {
        if (rules.isEmpty() && excludeRules.isEmpty() && tags.isEmpty() && minSeverity == null) {
            return List.of();
        }
        checkKnown(catalog, rules, RULES);
        checkKnown(catalog, excludeRules, EXCLUDE_RULES);
        Predicate<RuleDefinition> included = rules.isEmpty() ? rule -> true : rule -> matchesAny(rules, rule.id());
        Predicate<RuleDefinition> excluded = rule -> matchesAny(excludeRules, rule.id());
        Predicate<RuleDefinition> tagged = tags.isEmpty() ? rule -> true
                : rule -> rule.tags().stream().map(tag -> tag.toLowerCase(Locale.ROOT)).anyMatch(tags::contains);
        Predicate<RuleDefinition> severe = minSeverity == null ? rule -> true
                : rule -> rule.severity().compareTo(minSeverity) >= 0;
        List<String> chosen = catalog.rules().stream().filter(included.and(excluded.negate()).and(tagged).and(severe))
                .map(RuleDefinition::id).toList();
        if (chosen.isEmpty()) {
            throw problem("the rule selection (" + RULES + "=" + String.join(",", rules) + " " + EXCLUDE_RULES + "="
                    + String.join(",", excludeRules) + " " + TAGS + "=" + String.join(",", tags) + " " + MIN_SEVERITY
                    + "=" + (minSeverity == null ? "" : minSeverity.label()) + ") matches none of the "
                    + catalog.rules().size() + " rules known.");
        }
        return chosen;
    }

    private static void checkKnown(RuleCatalog catalog, List<String> requested, String key) {
        for (String id : requested) {
            if (!Glob.isGlob(id) && catalog.find(id).isEmpty()) {
                throw problem("unknown rule id '" + id + "' in " + key + ". Known rules: "
                        + catalog.rules().stream().map(RuleDefinition::id).collect(Collectors.joining(", ")) + ".");
            }
        }
    }

    private static boolean matchesAny(List<String> patterns, String id) {
        return patterns.stream().anyMatch(pattern -> Glob.matches(pattern, id));
    }

    private static Severity severity(String value) {
        return Arrays.stream(Severity.values()).filter(s -> s.label().equalsIgnoreCase(value.strip())
                        || s.name().equalsIgnoreCase(value.strip())).findFirst()
                .orElseThrow(() -> problem(MIN_SEVERITY + " '" + value + "' is not a severity: informational, low, "
                        + "medium, high or critical."));
    }

    private static Optional<String> text(ConfigurationParameters parameters, String key) {
        return parameters.get(key).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static List<String> list(ConfigurationParameters parameters, String key) {
        return text(parameters, key).map(value -> Arrays.stream(value.split(",")).map(String::strip)
                .filter(item -> !item.isEmpty()).distinct().toList()).orElse(List.of());
    }

    private static boolean bool(ConfigurationParameters parameters, String key) {
        return text(parameters, key).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw problem(key + " must be true or false, not '" + value + "'.");
        }).orElse(false);
    }

    private static int number(ConfigurationParameters parameters, String key, int fallback) {
        return text(parameters, key).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw problem(key + " must be a whole number, not '" + value + "'.");
            }
        }).orElse(fallback);
    }

    private static PlumbConfigurationException problem(String message) {
        return new PlumbConfigurationException(message);
    }
}
