package dev.plumb.engine;

import static dev.plumb.engine.PlumbEngineKeys.*;

import dev.plumb.api.Account;
import dev.plumb.api.Severity;
import java.nio.file.Files;
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
        boolean debug,
        List<Path> plugins,
        List<Path> terraformPlans,
        List<Path> cloudformationTemplates,
        Path terraformDir,
        String account,
        Path sourceRoot,
        boolean live,
        OptionNames names) {

    private static final Pattern ROLE_NAME_PATTERN = Pattern.compile("[\\w+=,.@-]{1,64}(/[\\w+=,.@-]{1,64})*");
    private static final Pattern EXTERNAL_ID_PATTERN = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    static ScanSettings from(ConfigurationParameters parameters) {
        return from(parameters, System.getenv());
    }

    static ScanSettings from(ConfigurationParameters parameters, Map<String, String> environment) {
        return from(parameters, environment, OptionNames.KEYS);
    }

    /** @param names how the one-line errors name the options */
    static ScanSettings from(ConfigurationParameters parameters, Map<String, String> environment,
            OptionNames names) {
        String region = text(parameters, REGION).or(() -> Optional.ofNullable(environment.get("AWS_REGION")))
                .or(() -> Optional.ofNullable(environment.get("AWS_DEFAULT_REGION"))).map(String::strip)
                .filter(r -> !r.isEmpty()).orElse(DEFAULT_REGION);
        String profile = text(parameters, PROFILE).orElse(environment.get("AWS_PROFILE"));
        ScanSettings settings = new ScanSettings(
                paths(parameters, SNAPSHOTS),
                list(parameters, ACCOUNTS),
                text(parameters, ACCOUNTS_FILE).map(Path::of).orElse(null),
                bool(parameters, ORG, names),
                text(parameters, ROLE_NAME).orElse(null),
                text(parameters, EXTERNAL_ID).orElse(null),
                region, profile,
                text(parameters, ENDPOINT_URL).orElse(null),
                list(parameters, RULES), list(parameters, EXCLUDE_RULES),
                list(parameters, TAGS).stream().map(tag -> tag.toLowerCase(Locale.ROOT)).toList(),
                text(parameters, MIN_SEVERITY).map(value -> severity(value, names)).orElse(null),
                text(parameters, SUPPRESSIONS).map(Path::of).orElse(null),
                number(parameters, PARALLELISM, DEFAULT_PARALLELISM, names),
                number(parameters, RULE_TIMEOUT, 300, names),
                number(parameters, CALL_TIMEOUT, 60, names),
                number(parameters, ACCOUNT_TIMEOUT, 900, names),
                bool(parameters, DEBUG, names),
                paths(parameters, PLUGINS),
                paths(parameters, TERRAFORM_PLANS),
                paths(parameters, CLOUDFORMATION_TEMPLATES),
                text(parameters, TERRAFORM_DIR).map(Path::of).orElse(null),
                text(parameters, ACCOUNT).orElse(null),
                text(parameters, SOURCE_ROOT).map(Path::of).orElse(null),
                bool(parameters, LIVE, names),
                names);
        settings.validate();
        return settings;
    }

    boolean hasTargets() {
        return !accounts.isEmpty() || accountsFile != null || organization;
    }

    /** Whether plans or templates judge the account as their changes leave it. */
    boolean iac() {
        return !terraformPlans.isEmpty() || !cloudformationTemplates.isEmpty();
    }

    /** Checks the options alone, before anything is read or called. */
    private void validate() {
        Preflight.checkRegion(region);
        Preflight.checkEndpoint(endpoint, names);
        if (ruleTimeout < 1 || callTimeout < 1 || accountTimeout < 1) {
            throw problem(names.of(RULE_TIMEOUT) + ", " + names.of(CALL_TIMEOUT) + " and "
                    + names.of(ACCOUNT_TIMEOUT) + " must be at least 1 second.");
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw problem(names.of(PARALLELISM) + " must be between 1 and " + MAX_PARALLELISM + ", not "
                    + parallelism + ".");
        }
        if (!snapshots.isEmpty() && (hasTargets() || roleName != null || externalId != null)) {
            throw problem(names.of(SNAPSHOTS) + " scans offline files and cannot be combined with "
                    + names.of(ACCOUNTS) + ", " + names.of(ACCOUNTS_FILE) + ", " + names.of(ORG) + ", "
                    + names.of(ROLE_NAME) + " or " + names.of(EXTERNAL_ID) + ": choose one way to pick accounts.");
        }
        if (organization && (!accounts.isEmpty() || accountsFile != null)) {
            throw problem(names.of(ORG) + " scans every account of the organization and cannot be combined with "
                    + names.of(ACCOUNTS) + " or " + names.of(ACCOUNTS_FILE) + ": choose one.");
        }
        if (hasTargets() && roleName == null) {
            throw problem(names.of(ACCOUNTS) + ", " + names.of(ACCOUNTS_FILE) + " and " + names.of(ORG) + " need "
                    + names.with(ROLE_NAME, "NAME") + ": the role Plumb assumes in each account (for example "
                    + "OrganizationAccountAccessRole or a read-only audit role).");
        }
        if (!hasTargets() && (roleName != null || externalId != null)) {
            throw problem(names.of(ROLE_NAME) + " and " + names.of(EXTERNAL_ID) + " need targets: " + names.add()
                    + " " + names.with(ACCOUNTS, "ID,...") + ", " + names.with(ACCOUNTS_FILE, "FILE") + " or "
                    + names.of(ORG) + ".");
        }
        if (roleName != null && !ROLE_NAME_PATTERN.matcher(roleName).matches()) {
            throw problem(names.of(ROLE_NAME) + " '" + roleName + "' is not an IAM role name (letters, digits and "
                    + "+=,.@_- up to 64 characters, optionally after a path such as audit/).");
        }
        if (externalId != null && !EXTERNAL_ID_PATTERN.matcher(externalId).matches()) {
            throw problem(names.of(EXTERNAL_ID) + " is not valid: 2 to 1224 letters, digits or +=,.@:/-_.");
        }
        for (String id : accounts) {
            if (!Account.isAccountId(id)) {
                throw problem(names.of(ACCOUNTS) + ": '" + id + "' is not an AWS account id (12 digits).");
            }
        }
        validateIac(snapshots.size());
    }

    /** The checks of the plan and template options, given how many snapshots the scan reads. */
    void validateIac(int snapshotCount) {
        if (!iac()) {
            if (live || terraformDir != null || account != null) {
                throw problem(names.of(LIVE) + ", " + names.of(TERRAFORM_DIR) + " and " + names.of(ACCOUNT)
                        + " go with " + names.with(TERRAFORM_PLANS, "PLAN.json") + " or "
                        + names.with(CLOUDFORMATION_TEMPLATES, "TEMPLATE") + ".");
            }
            return;
        }
        if (hasTargets()) {
            throw problem(names.of(TERRAFORM_PLANS) + " and " + names.of(CLOUDFORMATION_TEMPLATES) + " judge one "
                    + "account and cannot be combined with " + names.of(ACCOUNTS) + ", " + names.of(ACCOUNTS_FILE)
                    + " or " + names.of(ORG) + ".");
        }
        if (snapshotCount > 1) {
            throw problem(names.of(TERRAFORM_PLANS) + " and " + names.of(CLOUDFORMATION_TEMPLATES) + " judge one "
                    + "account: give at most one " + names.of(SNAPSHOTS) + ", the account the changes are applied to.");
        }
        if (live && snapshotCount > 0) {
            throw problem(names.of(LIVE) + " and " + names.of(SNAPSHOTS) + " both give the account the changes apply "
                    + "to: choose one.");
        }
        if (account != null && !Account.isAccountId(account)) {
            throw problem(names.of(ACCOUNT) + " '" + account + "' is not an AWS account id (12 digits).");
        }
        if (terraformDir != null && terraformPlans.isEmpty()) {
            throw problem(names.of(TERRAFORM_DIR) + " goes with " + names.with(TERRAFORM_PLANS, "PLAN.json") + ".");
        }
        if (sourceRoot != null && !Files.isDirectory(sourceRoot)) {
            throw problem(names.of(SOURCE_ROOT) + " " + sourceRoot + " is not a directory.");
        }
    }

    /** The ids of {@link PlumbEngineKeys#ACCOUNTS} and {@link PlumbEngineKeys#ACCOUNTS_FILE}, sorted. */
    List<String> listedAccounts() {
        TreeSet<String> ids = new TreeSet<>(accounts);
        if (accountsFile != null) {
            ids.addAll(AccountsFile.read(accountsFile, names.of(ACCOUNTS_FILE)));
        }
        return List.copyOf(ids);
    }

    /** Whether the rule options choose every rule. */
    boolean selectsAllRules() {
        return rules.isEmpty() && excludeRules.isEmpty() && tags.isEmpty() && minSeverity == null;
    }

    /**
     * The chosen rules, in catalog order; empty when every rule runs. An unknown plain id is an
     * error, and so is a selection that leaves no rule.
     */
    List<String> ruleIds(RuleCatalog catalog) {
        if (selectsAllRules()) {
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
            int known = catalog.rules().size();
            throw problem("the rule selection (" + describeRules() + ") matches none of the " + known + " rule"
                    + (known == 1 ? "" : "s") + " known." + names.listRules());
        }
        return chosen;
    }

    private void checkKnown(RuleCatalog catalog, List<String> requested, String key) {
        for (String id : requested) {
            if (!Glob.isGlob(id) && catalog.find(id).isEmpty()) {
                throw problem("unknown rule id '" + id + "' in " + names.of(key) + ". Known rules: "
                        + catalog.rules().stream().map(RuleDefinition::id).collect(Collectors.joining(", ")) + "."
                        + names.listRules());
            }
        }
    }

    private String describeRules() {
        List<String> parts = new java.util.ArrayList<>();
        if (!rules.isEmpty()) {
            parts.add(names.setting(RULES, String.join(",", rules)));
        }
        if (!excludeRules.isEmpty()) {
            parts.add(names.setting(EXCLUDE_RULES, String.join(",", excludeRules)));
        }
        if (!tags.isEmpty()) {
            parts.add(names.setting(TAGS, String.join(",", tags)));
        }
        if (minSeverity != null) {
            parts.add(names.setting(MIN_SEVERITY, minSeverity.label()));
        }
        return String.join(" ", parts);
    }

    private static boolean matchesAny(List<String> patterns, String id) {
        return patterns.stream().anyMatch(pattern -> Glob.matches(pattern, id));
    }

    private static Severity severity(String value, OptionNames names) {
        return Arrays.stream(Severity.values()).filter(s -> s.label().equalsIgnoreCase(value.strip())
                        || s.name().equalsIgnoreCase(value.strip())).findFirst()
                .orElseThrow(() -> problem(names.of(MIN_SEVERITY) + " '" + value + "' is not a severity: informational, low, "
                        + "medium, high or critical."));
    }

    private static Optional<String> text(ConfigurationParameters parameters, String key) {
        return parameters.get(key).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static List<String> list(ConfigurationParameters parameters, String key) {
        return text(parameters, key).map(value -> items(value).stream().distinct().toList()).orElse(List.of());
    }

    /** Files as given, repeats kept: the same snapshot twice is a mistake to report, not to hide. */
    private static List<Path> paths(ConfigurationParameters parameters, String key) {
        return text(parameters, key).map(value -> items(value).stream().map(Path::of).toList()).orElse(List.of());
    }

    /**
     * The items of a comma separated value, stripped, blanks left out; {@code \,} is a comma inside
     * an item (a path such as {@code reports\,2026/plan.json}).
     */
    static List<String> items(String value) {
        List<String> items = new java.util.ArrayList<>();
        StringBuilder item = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == ',') {
                item.append(',');
                i++;
            } else if (c == ',') {
                items.add(item.toString().strip());
                item.setLength(0);
            } else {
                item.append(c);
            }
        }
        items.add(item.toString().strip());
        items.removeIf(String::isEmpty);
        return items;
    }


    private static boolean bool(ConfigurationParameters parameters, String key, OptionNames names) {
        return text(parameters, key).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw problem(names.of(key) + " must be true or false, not '" + value + "'.");
        }).orElse(false);
    }

    private static int number(ConfigurationParameters parameters, String key, int fallback, OptionNames names) {
        return text(parameters, key).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw problem(names.of(key) + " must be a whole number, not '" + value + "'.");
            }
        }).orElse(fallback);
    }

    private static PlumbConfigurationException problem(String message) {
        return new PlumbConfigurationException(message);
    }
}
