package dev.plumb.engine.aws;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plumb.internal.PlumbVersion;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.apiguardian.api.API;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * How a scan reaches AWS: the caller's credentials (the standard SDK chain, or a named profile),
 * the region, an optional endpoint override, one shared HTTP client, retries with backoff and
 * timeouts. Every client of a scan is built here.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class AwsConnection implements AutoCloseable {

    private static final int MAX_ATTEMPTS = 5;

    private final Region region;
    private final String profile;
    private final URI endpoint;
    private final Duration callTimeout;
    private final List<ExecutionInterceptor> interceptors;
    private final String userAgent;
    private final ResponseCheck responseCheck = new ResponseCheck();
    private final List<SdkAutoCloseable> owned = new ArrayList<>();
    private SdkHttpClient http;
    private AwsCredentialsProvider callerCredentials;
    private StsClient callerSts;
    private IamClient callerIam;

    public AwsConnection(String region, String profile, String endpoint, Duration callTimeout,
            List<ExecutionInterceptor> interceptors) {
        this.region = Region.of(region);
        this.profile = profile;
        this.endpoint = endpoint == null ? null : URI.create(endpoint);
        this.callTimeout = callTimeout;
        this.interceptors = List.copyOf(interceptors);
        this.userAgent = "plumb/" + PlumbVersion.get();
    }

    public Region region() {
        return region;
    }

    URI endpoint() {
        return endpoint;
    }

    Duration callTimeout() {
        return callTimeout;
    }

    /**
     * The values of the caller's credentials (key id, secret, session token), so that they can be
     * kept out of every report. Empty when no credentials resolve.
     */
    public Set<String> callerCredentialValues() {
        try {
            return valuesOf(callerCredentials().resolveCredentials());
        } catch (RuntimeException unavailable) {
            return Set.of(); // nothing resolved, so nothing to hide
        }
    }

    public static Set<String> valuesOf(AwsCredentials credentials) {
        Set<String> values = new HashSet<>();
        values.add(credentials.accessKeyId());
        values.add(credentials.secretAccessKey());
        if (credentials instanceof AwsSessionCredentials session) {
            values.add(session.sessionToken());
        }
        values.remove(null);
        return values;
    }

    /**
     * The identity behind the caller's credentials. Throws the SDK's exception when there is none, and
     * {@link dev.plumb.api.UnexpectedResponseException} when the answer holds no valid account id and ARN.
     */
    public CallerIdentity callerIdentity() {
        GetCallerIdentityResponse identity = callerSts().getCallerIdentity();
        return CallerIdentity.of(identity.account(), identity.arn());
    }

    public synchronized AwsCredentialsProvider callerCredentials() {
        if (callerCredentials == null) {
            DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
            if (profile != null) {
                chain.profileName(profile);
            }
            DefaultCredentialsProvider provider = chain.build();
            owned.add(provider);
            callerCredentials = provider;
        }
        return callerCredentials;
    }

    public synchronized StsClient callerSts() {
        if (callerSts == null) {
            callerSts = build(StsClient.builder(), callerCredentials());
        }
        return callerSts;
    }

    /** An IAM client with the caller's own credentials, closed with this connection. */
    public synchronized IamClient callerIam() {
        if (callerIam == null) {
            callerIam = build(IamClient.builder(), callerCredentials());
        }
        return callerIam;
    }

    /** A client of any service for the given credentials; the caller closes it. */
    <B extends AwsClientBuilder<B, C>, C extends SdkClient> C build(B builder, AwsCredentialsProvider credentials) {
        builder.region(region).credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                .apiCallTimeout(callTimeout)
                .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, userAgent)
                .addExecutionInterceptor(responseCheck);
        interceptors.forEach(overrides::addExecutionInterceptor);
        builder.overrideConfiguration(overrides.build());
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(httpClient());
        }
        return builder.build();
    }

    synchronized SdkHttpClient httpClient() {
        if (http == null) {
            http = UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(callTimeout)
                    .build();
        }
        return http;
    }

    @Override
    public synchronized void close() {
        if (callerSts != null) {
            callerSts.close();
        }
        if (callerIam != null) {
            callerIam.close();
        }
        owned.forEach(SdkAutoCloseable::close);
        if (http != null) {
            http.close();
        }
    }
}
