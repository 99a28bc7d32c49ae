package dev.plumb.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plumb.api.Rule;
import dev.plumb.api.RulePack;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.apiguardian.api.API;

/**
 * Every rule of every {@link RulePack} found with {@link ServiceLoader}, sorted by id.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class RuleCatalog {

    private final Map<String, RuleDefinition> rules;

    private RuleCatalog(Map<String, RuleDefinition> rules) {
        this.rules = rules;
    }

    /** The packs visible to the given class loader. */
    public static RuleCatalog load(ClassLoader loader) {
        List<RulePack> packs = new ArrayList<>();
        try {
            ServiceLoader.load(RulePack.class, loader).forEach(packs::add);
        } catch (ServiceConfigurationError e) {
            throw new CatalogException("cannot load a rule pack: " + e.getMessage());
        }
        return of(packs);
    }

    public static RuleCatalog of(Collection<RulePack> packs) {
        Map<String, RuleDefinition> byId = new LinkedHashMap<>();
        for (RulePack pack : packs) {
            String source = sourceOf(pack.getClass());
            for (Class<? extends Rule> ruleClass : pack.rules()) {
                RuleDefinition rule = RuleDefinition.of(ruleClass, pack, source);
                RuleDefinition clash = byId.putIfAbsent(rule.id(), rule);
                if (clash != null) {
                    throw new CatalogException("rule id '" + rule.id() + "' is defined twice: by "
                            + clash.ruleClass().getName() + " (" + clash.source() + ") and by "
                            + ruleClass.getName() + " (" + source + "); remove one of the plugins");
                }
            }
        }
        Map<String, RuleDefinition> sorted = new LinkedHashMap<>();
        byId.values().stream().sorted(Comparator.comparing(RuleDefinition::id))
                .forEach(rule -> sorted.put(rule.id(), rule));
        return new RuleCatalog(sorted);
    }

    public List<RuleDefinition> rules() {
        return List.copyOf(rules.values());
    }

    public Optional<RuleDefinition> find(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    static String sourceOf(Class<?> type) {
        CodeSource code = type.getProtectionDomain().getCodeSource();
        if (type.getClassLoader() == RuleCatalog.class.getClassLoader() || code == null || code.getLocation() == null) {
            return "built-in";
        }
        try {
            Path path = Path.of(code.getLocation().toURI());
            return path.getFileName() == null ? path.toString() : path.getFileName().toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return code.getLocation().toString();
        }
    }
}
