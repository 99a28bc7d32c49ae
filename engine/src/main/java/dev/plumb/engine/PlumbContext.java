package dev.plumb.engine;

import dev.plumb.engine.aws.AwsConnection;
import java.util.concurrent.ExecutorService;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/** What a node of the tree needs while it runs. Immutable: each account gets a copy with its session. */
record PlumbContext(
        ScanRequest request,
        EngineExecutionListener listener,
        AwsConnection aws,
        ExecutorService ruleThreads,
        ScanCancellation cancellation,
        Secrets secrets,
        AccountSession session) implements EngineExecutionContext {

    PlumbContext withSession(AccountSession accountSession) {
        return new PlumbContext(request, listener, aws, ruleThreads, cancellation, secrets, accountSession);
    }
}
