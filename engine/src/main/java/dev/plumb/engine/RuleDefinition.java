package dev.plumb.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.RulePack;
import dev.plumb.api.Severity;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A rule as the catalog knows it: its metadata, its help text and where it came from.
 *
 * <p>Internal: not API; may change without notice.
 *
 * @param source where the pack was loaded from: a jar path, or "built-in"
 */
@API(status = INTERNAL)
public record RuleDefinition(
        String id,
        String title,
        Severity severity,
        List<String> tags,
        List<String> compliance,
        String helpMarkdown,
        Class<? extends Rule> ruleClass,
        RulePack pack,
        String source) {

    public RuleDefinition {
        tags = List.copyOf(tags);
        compliance = List.copyOf(compliance);
    }

    static RuleDefinition of(Class<? extends Rule> ruleClass, RulePack pack, String source) {
        RuleInfo info = ruleClass.getAnnotation(RuleInfo.class);
        if (info == null) {
            throw new CatalogException("rule class " + ruleClass.getName() + " of pack " + pack.name()
                    + " (" + source + ") has no @RuleInfo annotation");
        }
        if (!info.id().matches("[a-z][a-z0-9_]*")) {
            throw new CatalogException("rule id '" + info.id() + "' of " + ruleClass.getName() + " (" + source
                    + ") must be lower case letters, digits and underscores, starting with a letter");
        }
        String helpPath = helpPath(info);
        return new RuleDefinition(info.id(), info.title(), info.severity(), List.of(info.tags()),
                List.of(info.compliance()), HelpText.load(ruleClass, helpPath, info), ruleClass, pack, source);
    }

    public String packName() {
        return pack.name();
    }

    /** Whether the rule ships its help markdown; without one, {@link #helpMarkdown()} says that it is missing. */
    public boolean hasHelpFile() {
        return ruleClass.getResource(helpPath(ruleClass.getAnnotation(RuleInfo.class))) != null;
    }

    private static String helpPath(RuleInfo info) {
        return info.help().isEmpty() ? info.id() + ".md" : info.help();
    }
}
