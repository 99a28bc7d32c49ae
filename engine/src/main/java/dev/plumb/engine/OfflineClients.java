package dev.plumb.engine;

import dev.plumb.api.AwsClients;
import dev.plumb.api.NotApplicableException;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;

/** In an offline snapshot scan no live client exists: rules that need one are SKIPPED. */
final class OfflineClients implements AwsClients {

    private final String snapshot;

    OfflineClients(String snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public <B extends AwsClientBuilder<B, C>, C extends SdkClient> C build(B builder) {
        String service = builder.getClass().getSimpleName().replace("ClientBuilder", "").replace("Default", "");
        throw new NotApplicableException("offline scan of snapshot " + snapshot + ": the snapshot holds IAM data only, "
                + "not the " + service + " data this rule needs");
    }
}
