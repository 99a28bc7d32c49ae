package dev.plumb.testkit;

import com.google.inject.ConfigurationException;
import com.google.inject.spi.InjectionPoint;
import dev.plumb.api.RulePack;
import dev.plumb.engine.CatalogException;
import dev.plumb.engine.RuleCatalog;
import dev.plumb.engine.RuleDefinition;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * What Plumb checks when it loads a plugin, checked in the plugin's own tests:
 *
 * <ul>
 *   <li>{@code META-INF/services/dev.plumb.api.RulePack} lists the pack, and it has a public
 *       no-argument constructor;</li>
 *   <li>every rule has a complete {@code @RuleInfo} (id of lower case letters, digits and
 *       underscores, unique in the pack; a title), checked by Plumb's own rule catalog;</li>
 *   <li>every rule ships its help markdown ({@code <id>.md} next to the class, or {@code help});</li>
 *   <li>Guice can build every rule: an {@code @Inject} constructor (or a no-argument one).</li>
 * </ul>
 */
public final class PackCheck {

    private static final String SERVICE_FILE = "META-INF/services/" + RulePack.class.getName();

    private PackCheck() {
    }

    /** @throws AssertionError listing every problem found, one per line */
    public static void assertValid(Class<? extends RulePack> packClass) {
        List<String> problems = new ArrayList<>();
        if (!listed(packClass, problems)) {
            problems.add(SERVICE_FILE + " does not list " + packClass.getName() + ": add a line with its class name");
        }
        RulePack pack = instantiate(packClass, problems);
        if (pack != null) {
            try {
                RuleCatalog.of(List.of(pack)).rules().forEach(rule -> check(rule, problems));
            } catch (CatalogException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("rule pack " + packClass.getName() + " would not load as it should:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static boolean listed(Class<? extends RulePack> packClass, List<String> problems) {
        try {
            return ServiceLoader.load(RulePack.class, packClass.getClassLoader()).stream()
                    .anyMatch(provider -> provider.type() == packClass);
        } catch (ServiceConfigurationError e) {
            problems.add("a rule pack listed in " + SERVICE_FILE + " cannot be loaded: " + e.getMessage());
            return true;
        }
    }

    private static RulePack instantiate(Class<? extends RulePack> packClass, List<String> problems) {
        try {
            return packClass.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            problems.add(packClass.getName() + " needs a public no-argument constructor (and must be a public class)");
        } catch (InvocationTargetException e) {
            problems.add("the constructor of " + packClass.getName() + " throws " + e.getCause());
        }
        return null;
    }

    private static void check(RuleDefinition rule, List<String> problems) {
        String name = rule.ruleClass().getName();
        if (rule.title().isBlank()) {
            problems.add("rule " + rule.id() + " (" + name + ") has no title in its @RuleInfo");
        }
        if (!rule.hasHelpFile()) {
            problems.add("rule " + rule.id() + " (" + name + ") has no help file: add " + rule.id()
                    + ".md next to the class (src/main/resources/" + rule.ruleClass().getPackageName()
                    .replace('.', '/') + "/)");
        }
        try {
            InjectionPoint.forConstructorOf(rule.ruleClass());
        } catch (ConfigurationException e) {
            problems.add("rule " + rule.id() + " (" + name + ") cannot be built by Guice: give it one @Inject "
                    + "constructor");
        }
    }
}
