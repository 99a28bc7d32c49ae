package dev.plumb.reporting;

import dev.plumb.internal.report.RuleMetadata;
import dev.plumb.api.Outcome;
import dev.plumb.api.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * Builds the SARIF logs of a scan. The GitHub-ready log holds only unsuppressed FAIL results
 * (GitHub ignores {@code kind} and {@code suppressions}, so anything else would become an alert);
 * the full log holds every outcome. ERROR findings and failed containers become
 * {@code toolExecutionNotifications} in both. GitHub rejects a run of more than
 * {@value #GITHUB_MAX_RESULTS} results, so the GitHub-ready log keeps the most severe FAILs up to
 * that limit and says in a warning notification how many it left out.
 */
final class SarifReport {

    static final String TOOL_NAME = "Plumb";
    static final String INFORMATION_URI = "https://github.com/plumb-dev/plumb";
    /** GitHub code scanning rejects an upload with a run of more results than this. */
    static final int GITHUB_MAX_RESULTS = 25_000;
    private static final Pattern URL = Pattern.compile("https://[^\\s)>\\]]+");
    /**
     * Evidence {@code source}: the {@code file:line} of the plan or template declaration a finding is
     * about, relative to the source root; it wins over {@code --sarif-location}.
     */
    private static final String SOURCE_EVIDENCE = "source";
    private static final Pattern SOURCE = Pattern.compile("([^:/][^:]*):([1-9]\\d{0,8})");

    private final ScanRecorder scan;
    private final String toolVersion;
    private final SarifOptions options;
    private final List<RuleMetadata> rules;
    private final Map<String, Integer> ruleIndex = new HashMap<>();
    private final int maxGitHubResults;
    private final String scanId;

    SarifReport(ScanRecorder scan, String toolVersion, SarifOptions options, String scanId) {
        this(scan, toolVersion, options, scanId, GITHUB_MAX_RESULTS);
    }

    SarifReport(ScanRecorder scan, String toolVersion, SarifOptions options, String scanId, int maxGitHubResults) {
        this.scan = scan;
        this.scanId = scanId;
        this.maxGitHubResults = maxGitHubResults;
        this.toolVersion = toolVersion;
        this.options = options;
        this.rules = scan.rules();
        for (int i = 0; i < rules.size(); i++) {
            ruleIndex.put(rules.get(i).id(), i);
        }
    }

    /**
     * For GitHub code scanning: unsuppressed FAIL results only, in report order; when there are
     * more than GitHub accepts, the most severe (and, within the last severity that fits in part,
     * the first in report order). Results are read from the recorder's spool as Jackson writes
     * them, so the log is never held in memory whole.
     */
    Sarif.Log gitHubLog() {
        long allFails = scan.count(Outcome.FAIL);
        Iterable<FindingEvent> fails = filter(scan.kept(), finding -> finding.outcome() == Outcome.FAIL);
        if (allFails <= maxGitHubResults) {
            return log(map(fails), List.of());
        }
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        fails.forEach(finding -> bySeverity.merge(scan.severity(finding), 1L, Long::sum));
        Map<Severity, Long> quota = new EnumMap<>(Severity.class);
        long room = maxGitHubResults;
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            Severity severity = Severity.values()[i];
            long taken = Math.min(room, bySeverity.getOrDefault(severity, 0L));
            quota.put(severity, taken);
            room -= taken;
        }
        Iterable<FindingEvent> kept = () -> {
            Map<Severity, Long> left = new EnumMap<>(quota);
            return filter(fails, finding -> left.merge(scan.severity(finding), -1L, Long::sum) >= 0).iterator();
        };
        return log(map(kept),
                List.of(new Sarif.Notification("warning", new Sarif.Message(leftOut(allFails)), null, List.of())));
    }

    private Iterable<Sarif.Result> map(Iterable<FindingEvent> findings) {
        return () -> StreamSupport.stream(findings.spliterator(), false).map(this::result).iterator();
    }

    private static Iterable<FindingEvent> filter(Iterable<FindingEvent> findings, Predicate<FindingEvent> wanted) {
        return () -> StreamSupport.stream(findings.spliterator(), false).filter(wanted).iterator();
    }

    /** Why the GitHub-ready log does not hold every FAIL, if it does not. */
    Optional<String> gitHubWarning() {
        long fails = scan.count(Outcome.FAIL);
        return fails <= maxGitHubResults ? Optional.empty() : Optional.of(leftOut(fails));
    }

    private String leftOut(long fails) {
        return (fails - maxGitHubResults) + " of " + fails + " FAIL results were left out of the GitHub-ready SARIF "
                + "file: GitHub code scanning rejects a run of more than " + maxGitHubResults + " results. It keeps "
                + "the most severe; JUnit XML, Allure and --sarif-full hold every finding.";
    }

    /** Every finding, with its SARIF kind; SUPPRESSED findings carry their suppression. */
    Sarif.Log fullLog() {
        return log(map(scan.kept()), List.of());
    }

    /**
     * The upload category: {@link SarifOptions#category()} (the command line's {@code --sarif-category}
     * or its default for the kind of scan), else {@code plumb/<partition>/}. Never derived from the
     * set of accounts scanned, which changes when accounts join or leave: a changed category leaves
     * the open alerts of the old one open for ever.
     */
    String automationId() {
        if (options.category() != null) {
            return options.category();
        }
        Set<String> partitions = scan.partitions();
        return "plumb/" + (partitions.isEmpty() ? "unknown" : String.join("+", partitions)) + "/";
    }

    private Sarif.Log log(Iterable<Sarif.Result> results, List<Sarif.Notification> warnings) {
        Sarif.ToolComponent driver = new Sarif.ToolComponent(TOOL_NAME, toolVersion, semanticVersion(),
                INFORMATION_URI, rules.stream().map(this::descriptor).toList());
        List<Sarif.Notification> notifications = new ArrayList<>(notifications());
        boolean successful = notifications.isEmpty();
        notifications.addAll(warnings);
        Sarif.Run run = new Sarif.Run(new Sarif.Tool(driver), new Sarif.AutomationDetails(automationId(), scanId),
                List.of(new Sarif.Invocation(successful, notifications)), results,
                new Sarif.RunProperties(List.copyOf(scan.accounts()), List.copyOf(scan.partitions())));
        return new Sarif.Log(Sarif.SCHEMA, Sarif.VERSION, List.of(run));
    }

    private Sarif.ReportingDescriptor descriptor(RuleMetadata rule) {
        String help = rule.helpMarkdown().isBlank() ? "# " + rule.title() + "\n" : rule.helpMarkdown();
        List<String> tags = new ArrayList<>();
        tags.add("security");
        tags.addAll(rule.tags());
        return new Sarif.ReportingDescriptor(rule.id(), pascalCase(rule.id()),
                new Sarif.Message(sentence(rule.title())), new Sarif.Message(sentence(summary(rule))),
                new Sarif.MultiformatMessage(help, help), helpUri(help).orElse(null),
                new Sarif.Configuration(level(rule.severity())),
                new Sarif.RuleProperties(tags, securitySeverity(rule.severity()), "very-high",
                        rule.severity().label(), rule.pack(), rule.compliance()));
    }

    private Sarif.Result result(FindingEvent finding) {
        RuleMetadata rule = scan.rule(finding.ruleId());
        String kind = switch (finding.outcome()) {
            case PASS -> "pass";
            case FAIL, SUPPRESSED -> "fail";
            case ERROR -> "open";
            case SKIPPED -> "notApplicable";
        };
        String level = kind.equals("fail") ? level(rule.severity()) : "none";
        List<Sarif.Suppression> suppressions = finding.outcome() == Outcome.SUPPRESSED
                ? List.of(new Sarif.Suppression("external", "accepted", finding.suppressionReason()))
                : List.of();
        String mapped = options.locations().get(finding.accountId());
        String message = sentence(finding.message());
        List<Sarif.Location> related = List.of();
        if (mapped != null) {
            related = List.of(new Sarif.Location(1, new Sarif.PhysicalLocation(
                    new Sarif.ArtifactLocation(encodePath(mapped)), new Sarif.Region(1)), List.of(),
                    new Sarif.Message("Where account " + finding.accountId() + " is configured")));
            message = message + " Account " + finding.accountId() + " is configured in [" + mapped + "](1).";
        }
        return new Sarif.Result(finding.ruleId(), ruleIndex.getOrDefault(finding.ruleId(), -1), kind, level,
                new Sarif.Message(message), List.of(location(finding)), related,
                fingerprints(finding), suppressions,
                new Sarif.ResultProperties(finding.accountId(), finding.partition(), finding.resource(),
                        finding.outcome().name(), finding.evidence()));
    }

    /**
     * The primary location: {@code aws/<account>/<rule id>}, line 1, a path that is no file of the
     * repository. GitHub tells alerts apart by {@code partialFingerprints.primaryLocationLineHash}
     * alone, and codeql-action's upload-sarif computes that hash from the primary location's line
     * whenever the location is a file of the checkout, warning when it differs from the one in the
     * file ({@code src/fingerprints.ts}). A path that is no file keeps Plumb's hash of rule, account
     * and resource: one alert per finding, stable across scans and across edits of any file. A
     * {@code --sarif-location} file is therefore a related location, linked from the message.
     */
    private Sarif.Location location(FindingEvent finding) {
        Matcher source = SOURCE.matcher(finding.evidence().getOrDefault(SOURCE_EVIDENCE, ""));
        String uri = source.matches() ? encodePath(source.group(1))
                : "aws/" + finding.accountId() + "/" + finding.ruleId();
        int line = source.matches() ? Integer.parseInt(source.group(2)) : 1;
        return new Sarif.Location(null, new Sarif.PhysicalLocation(new Sarif.ArtifactLocation(uri), new Sarif.Region(line)),
                List.of(new Sarif.LogicalLocation(resourceName(finding.resource()), finding.resource(), "resource")),
                null);
    }

    /**
     * A result on a line of a source file (a plan's {@code .tf} file, a template) leaves
     * {@code primaryLocationLineHash} to codeql-action, which hashes that line's text: the alert then
     * follows the line when other lines move, and no "inconsistent fingerprint" warning is logged.
     * Plumb's own hash of rule, account and resource stays under a key of its own.
     */
    private static Sarif.Fingerprints fingerprints(FindingEvent finding) {
        String own = finding.fingerprint() + ":1";
        return SOURCE.matcher(finding.evidence().getOrDefault(SOURCE_EVIDENCE, "")).matches()
                ? new Sarif.Fingerprints(null, own) : new Sarif.Fingerprints(own, null);
    }

    private List<Sarif.Notification> notifications() {
        List<Sarif.Notification> notifications = new ArrayList<>();
        for (FindingEvent finding : scan.errors()) {
            notifications.add(new Sarif.Notification("error", new Sarif.Message(sentence(finding.message())),
                    new Sarif.ReportingDescriptorReference(finding.ruleId(),
                            ruleIndex.getOrDefault(finding.ruleId(), -1)), List.of()));
        }
        long unlisted = scan.count(Outcome.ERROR) - notifications.size();
        if (unlisted > 0) {
            notifications.add(new Sarif.Notification("error", new Sarif.Message(unlisted + " more ERROR findings "
                    + "are not listed here; the JUnit XML and the Allure results hold every finding."), null,
                    List.of()));
        }
        for (ScanRecorder.ContainerFailure failure : scan.failures()) {
            String where = failure.accountId() == null ? "The scan failed: "
                    : "Account " + failure.accountId() + " could not be scanned: ";
            Sarif.ReportingDescriptorReference rule = failure.ruleId() == null ? null
                    : new Sarif.ReportingDescriptorReference(failure.ruleId(),
                            ruleIndex.getOrDefault(failure.ruleId(), -1));
            notifications.add(new Sarif.Notification("error", new Sarif.Message(sentence(where + failure.message())),
                    rule, List.of()));
        }
        return notifications;
    }

    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFORMATIONAL -> "note";
        };
    }

    /** GitHub's scale: over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, up to 3.9 low. */
    static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFORMATIONAL -> "1.0";
        };
    }

    /** The first paragraph of the help after its title. */
    private static String summary(RuleMetadata rule) {
        List<String> paragraph = new ArrayList<>();
        for (String line : rule.helpMarkdown().lines().toList()) {
            String text = line.strip();
            if (text.startsWith("#")) {
                if (!paragraph.isEmpty()) {
                    break;
                }
                continue;
            }
            if (text.isEmpty()) {
                if (!paragraph.isEmpty()) {
                    break;
                }
                continue;
            }
            paragraph.add(text);
        }
        return paragraph.isEmpty() ? rule.title() : String.join(" ", paragraph);
    }

    static Optional<String> helpUri(String markdown) {
        Matcher url = URL.matcher(markdown);
        return url.find() ? Optional.of(url.group().replaceAll("[.,;:]+$", "")) : Optional.empty();
    }

    private static String sentence(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return "No message.";
        }
        return trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?") ? trimmed : trimmed + ".";
    }

    private static String pascalCase(String id) {
        StringBuilder name = new StringBuilder();
        for (String part : id.split("_")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }

    private static String resourceName(String arn) {
        int cut = Math.max(arn.lastIndexOf('/'), arn.lastIndexOf(':'));
        return cut >= 0 && cut < arn.length() - 1 ? arn.substring(cut + 1) : arn;
    }

    private String semanticVersion() {
        return toolVersion.matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?") ? toolVersion : null;
    }

    private static String encodePath(String path) {
        try {
            return new URI(null, null, path.replace('\\', '/'), null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid relative path: " + path, e);
        }
    }
}
