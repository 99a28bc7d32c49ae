package dev.plumb.engine.snapshot;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plumb.api.AwsClients;
import dev.plumb.api.NotApplicableException;
import org.apiguardian.api.API;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;

/**
 * In an offline snapshot scan no live client exists: rules that need one are SKIPPED.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class OfflineClients implements AwsClients {

    private final String snapshot;
    private final String source;

    public OfflineClients(String snapshot) {
        this.snapshot = snapshot;
        this.source = null;
    }

    /** For a scan of what a plan or template leaves: {@code source} names it. */
    public static OfflineClients describing(String source) {
        return new OfflineClients(null, source);
    }

    private OfflineClients(String snapshot, String source) {
        this.snapshot = snapshot;
        this.source = source;
    }

    @Override
    public <B extends AwsClientBuilder<B, C>, C extends SdkClient> C build(B builder) {
        String service = builder.getClass().getSimpleName().replace("ClientBuilder", "").replace("Default", "");
        if (source != null) {
            throw new NotApplicableException(source + " describes IAM only, not the " + service
                    + " data this rule needs; scan the account itself (live or --snapshot) to evaluate it.");
        }
        throw new NotApplicableException("offline scan of snapshot " + snapshot + ": the snapshot holds IAM data only, "
                + "not the " + service + " data this rule needs");
    }
}
