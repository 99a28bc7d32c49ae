package dev.plumb.engine;

import dev.plumb.engine.snapshot.SnapshotFiles;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/** {@code [account:123456789012]}: one scanned account; its rules run one after another. */
final class AccountDescriptor extends AbstractTestDescriptor implements Node<PlumbContext> {

    static final String SEGMENT = "account";

    private final ScanRequest.Target target;
    private final SnapshotFiles snapshots;
    private final com.google.inject.Module bindingOverrides;

    /** {@code bindingOverrides} replace bindings of the account's injector, or null. */
    AccountDescriptor(UniqueId parent, ScanRequest.Target target, SnapshotFiles snapshots,
            com.google.inject.Module bindingOverrides) {
        super(parent.append(SEGMENT, target.accountId()), "Account " + target.accountId()
                + (target.snapshot() == null ? "" : " (snapshot)"));
        this.target = target;
        this.snapshots = snapshots;
        this.bindingOverrides = bindingOverrides;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public String getLegacyReportingName() {
        return "plumb." + target.accountId();
    }

    @Override
    public PlumbContext before(PlumbContext context) {
        AccountDeadline deadline = AccountDeadline.startingNow(context.request().accountTimeoutSeconds());
        AccountSession session = context.cancellation().isCancelled()
                ? AccountSession.interrupted(target, deadline, context.secrets())
                : AccountSession.open(context.aws(), snapshots, target, deadline, context.secrets());
        return context.withSession(session.overriding(bindingOverrides));
    }

    @Override
    public void after(PlumbContext context) {
        context.session().close();
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.CONCURRENT;
    }
}
