package dev.plumb.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

final class PlumbEngineDescriptor extends EngineDescriptor implements Node<PlumbContext> {

    PlumbEngineDescriptor(UniqueId uniqueId) {
        super(uniqueId, "Plumb");
    }

    @Override
    public void after(PlumbContext context) {
        if (context.ruleThreads() != null) {
            context.ruleThreads().shutdownNow();
        }
        if (context.aws() != null) {
            context.aws().close();
        }
    }
}
