package dev.plumb.api;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;

/**
 * Builds AWS SDK clients for the account being scanned: its credentials, region, endpoint
 * override, retry policy, timeouts and HTTP client are applied, and the client is closed when the
 * account is done. Inject it into a {@link RulePack} module's provider methods:
 *
 * <pre>{@code
 * @Provides @Singleton S3Client s3(AwsClients clients) { return clients.build(S3Client.builder()); }
 * }</pre>
 *
 * In an offline snapshot scan it throws {@link NotApplicableException}: the rules that need the
 * client are reported as SKIPPED.
 */
public interface AwsClients {

    <B extends AwsClientBuilder<B, C>, C extends SdkClient> C build(B builder);
}
