package dev.plumb.engine.aws;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plumb.api.AwsClients;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;

/**
 * Builds the clients of one live account and closes them when the account is done.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class AccountClients implements AwsClients, AutoCloseable {

    private final AwsConnection connection;
    private final AwsCredentialsProvider credentials;
    private final List<SdkClient> built = new ArrayList<>();

    public AccountClients(AwsConnection connection, AwsCredentialsProvider credentials) {
        this.connection = connection;
        this.credentials = credentials;
    }

    @Override
    public synchronized <B extends AwsClientBuilder<B, C>, C extends SdkClient> C build(B builder) {
        C client = connection.build(builder, credentials);
        built.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        built.forEach(SdkClient::close);
        built.clear();
    }
}
