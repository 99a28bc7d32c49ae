package com.example.plumb.s3;

import dev.plumb.api.AwsClients;
import dev.plumb.testing.MotoServer;
import java.net.URI;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** Plays Plumb's part in tests: builds clients for moto's default account, as Plumb does for a scanned one. */
final class MotoClients implements AwsClients {

    private final MotoServer moto;

    MotoClients(MotoServer moto) {
        this.moto = moto;
    }

    @Override
    public <B extends AwsClientBuilder<B, C>, C extends SdkClient> C build(B builder) {
        builder.region(Region.US_EAST_1).endpointOverride(URI.create(moto.endpoint()))
                .credentialsProvider(MotoServer.testCredentials());
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(UrlConnectionHttpClient.create());
        }
        return builder.build();
    }
}
