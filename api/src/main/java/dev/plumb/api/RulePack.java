package dev.plumb.api;

import com.google.inject.Module;
import java.util.List;

/**
 * A set of rules, found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.plumb.api.RulePack}. It needs a public no-argument constructor.
 */
public interface RulePack {

    List<Class<? extends Rule>> rules();

    /**
     * Extra Guice bindings the pack's rules need, installed once per scanned account. Build AWS
     * clients with the injected {@link AwsClients} so that they use the account's credentials,
     * region and endpoint and are closed at the end of the scan.
     */
    default List<Module> modules() {
        return List.of();
    }

    /** A short name for messages; the class name by default. */
    default String name() {
        return getClass().getName();
    }
}
