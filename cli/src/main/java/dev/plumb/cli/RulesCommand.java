package dev.plumb.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.plumb.engine.PluginLoader;
import dev.plumb.engine.RuleCatalog;
import dev.plumb.engine.RuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Lists every rule Plumb knows, built in and from plugins: id, severity, title, tags, compliance",
            "controls and the pack (and jar) it comes from.",
            "",
            "Examples:",
            "  plumb rules",
            "  plumb rules --json --plugins ./plugins",
            "  plumb rules --explain account_supportrole"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "3:bad usage: unknown rule id, unreadable plugin directory, broken plugin"})
final class RulesCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Option(names = "--json", description = "Print the catalog as JSON instead of a table.")
    boolean json;

    @Option(names = "--explain", paramLabel = "ID", description = "Print the help (markdown) of one rule.")
    String explain;

    private final Console console;

    RulesCommand(Console console) {
        this.console = console;
    }

    /** One rule as {@code --json} prints it. */
    record Listed(String id, String severity, String title, List<String> tags, List<String> compliance, String pack,
            String source) {

        static Listed of(RuleDefinition rule) {
            return new Listed(rule.id(), rule.severity().label(), rule.title(), rule.tags(), rule.compliance(),
                    rule.packName(), rule.source());
        }
    }

    @Override
    public Integer call() throws JsonProcessingException {
        try (PluginLoader loader = new PluginLoader(warning -> console.problem("warning: " + warning),
                OptionKeys.NAMES)) {
            RuleCatalog catalog = loader.catalog(plugins.resolved(System.getenv()));
            if (explain != null) {
                RuleDefinition rule = catalog.find(explain.strip()).orElseThrow(() -> new UsageException(
                        "unknown rule id '" + explain.strip() + "'. Known rules: " + catalog.rules().stream()
                                .map(RuleDefinition::id).collect(Collectors.joining(", ")) + "."));
                console.out().print(rule.helpMarkdown().endsWith("\n") ? rule.helpMarkdown() : rule.helpMarkdown() + "\n");
                return ExitCodes.OK;
            }
            if (json) {
                console.out().println(JSON.writeValueAsString(catalog.rules().stream().map(Listed::of).toList()));
            } else {
                printTable(catalog.rules());
            }
            return ExitCodes.OK;
        }
    }

    private void printTable(List<RuleDefinition> rules) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "SEVERITY", "TITLE", "TAGS", "COMPLIANCE", "PACK", "SOURCE"});
        for (RuleDefinition rule : rules) {
            rows.add(new String[] {rule.id(), rule.severity().label(), rule.title(), String.join(",", rule.tags()),
                String.join(",", rule.compliance()), rule.packName(), rule.source()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            console.out().println(line.toString().stripTrailing());
        }
        console.out().println();
        console.out().println(ScanCommand.plural(rules.size(), "rule") + ". 'plumb rules --explain ID' prints a rule's help.");
    }
}
