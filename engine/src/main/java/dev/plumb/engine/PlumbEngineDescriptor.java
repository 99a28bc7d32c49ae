package dev.plumb.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

final class PlumbEngineDescriptor extends EngineDescriptor implements Node<PlumbContext> {

    private final ScanPlanner.Plan plan;

    PlumbEngineDescriptor(UniqueId uniqueId) {
        this(uniqueId, null);
    }

    /** @param plan the scan as discovery planned it, or null when nothing selected Plumb */
    PlumbEngineDescriptor(UniqueId uniqueId, ScanPlanner.Plan plan) {
        super(uniqueId, "Plumb");
        this.plan = plan;
    }

    java.util.Optional<ScanPlanner.Plan> plan() {
        return java.util.Optional.ofNullable(plan);
    }

    @Override
    public void after(PlumbContext context) {
        if (context.ruleThreads() != null) {
            context.ruleThreads().shutdownNow();
        }
        if (context.aws() != null) {
            context.aws().close();
        }
        if (plan != null && plan.plugins() != null) {
            plan.plugins().close();
        }
    }
}
