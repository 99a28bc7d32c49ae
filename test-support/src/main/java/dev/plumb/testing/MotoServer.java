package dev.plumb.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * One {@code moto_server} per test JVM, started on a free loopback port on first use and stopped
 * when the JVM exits. Tests call {@link #reset()} to start from an empty account.
 */
public final class MotoServer {

    /** The account moto uses for the default credentials. */
    public static final String DEFAULT_ACCOUNT = "123456789012";

    private static final Pattern RUNNING = Pattern.compile("Running on http://127\\.0\\.0\\.1:(\\d+)");
    private static MotoServer shared;

    private final Process process;
    private final String endpoint;
    private final HttpClient http = HttpClient.newHttpClient();
    private final SdkHttpClient sdkHttp = UrlConnectionHttpClient.create();

    private MotoServer(Process process, int port) {
        this.process = process;
        this.endpoint = "http://127.0.0.1:" + port;
    }

    public static synchronized MotoServer shared() {
        if (shared == null) {
            shared = start();
            MotoServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return shared;
    }

    private static MotoServer start() {
        ProcessBuilder builder = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", "0")
                .redirectErrorStream(true);
        builder.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start moto_server; is moto installed (pip install 'moto[server]')?", e);
        }
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher running = RUNNING.matcher(line);
                    if (running.find()) {
                        port.complete(Integer.parseInt(running.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the server went away; the port future reports it
            }
            port.completeExceptionally(new IllegalStateException("moto_server exited before it was ready"));
        }, "moto-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            MotoServer server = new MotoServer(process, port.get(60, TimeUnit.SECONDS));
            server.awaitReady();
            return server;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("moto_server did not start: " + e.getMessage(), e);
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/data.json"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // keep polling until the deadline
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("moto_server did not answer on " + endpoint);
    }

    public String endpoint() {
        return endpoint;
    }

    /** Forgets every resource in every account; AWS managed policies come back. */
    public void reset() {
        post("/moto-api/reset", HttpRequest.BodyPublishers.noBody());
    }

    /**
     * With {@code true}, moto checks every request's credentials and IAM policies as AWS does
     * (unknown access keys are rejected, actions no policy allows are AccessDenied); with
     * {@code false} (the default) it accepts anything.
     */
    public void enforceIamPolicies(boolean enforced) {
        post("/moto-api/reset-auth", HttpRequest.BodyPublishers.ofString(enforced ? "0" : "inf"));
    }

    private void post(String path, HttpRequest.BodyPublisher body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint + path))
                    .header("Content-Type", "text/plain").POST(body).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto " + path + " failed: " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static AwsCredentialsProvider testCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }

    /**
     * A client of any service for the default account in {@code us-east-1}, for fixtures: for example
     * {@code moto.client(S3Client.builder())}. The caller closes it.
     */
    public <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, C>,
            C extends software.amazon.awssdk.core.SdkClient> C client(B builder) {
        return builder.endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(testCredentials()).httpClient(sdkHttp).build();
    }

    /** An IAM client of the default account, for fixtures. */
    public IamClient iam(String region) {
        return IamClient.builder().endpointOverride(URI.create(endpoint)).region(Region.of(region))
                .credentialsProvider(testCredentials()).httpClient(sdkHttp).build();
    }

    public StsClient sts(String region) {
        return StsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.of(region))
                .credentialsProvider(testCredentials()).httpClient(sdkHttp).build();
    }

    /** An IAM client acting in another account: moto gives assumed-role credentials for any account id. */
    public IamClient iamIn(String accountId, String region) {
        String partition = PartitionMetadata.of(Region.of(region)).id();
        try (StsClient sts = sts(region)) {
            Credentials credentials = sts.assumeRole(request -> request
                    .roleArn("arn:" + partition + ":iam::" + accountId + ":role/fixture")
                    .roleSessionName("fixture")).credentials();
            return IamClient.builder().endpointOverride(URI.create(endpoint)).region(Region.of(region))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                                    credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())))
                    .httpClient(sdkHttp).build();
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
