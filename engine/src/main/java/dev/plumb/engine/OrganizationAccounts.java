package dev.plumb.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plumb.api.Account;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The ACTIVE accounts of the caller's AWS Organization, from {@code organizations:ListAccounts},
 * every page. The SDK's Organizations module is not available to this build, so this one read-only
 * call is made with the SDK's own SigV4 signer and HTTP client: JSON 1.1 protocol, the partition's
 * Organizations endpoint (or the endpoint override), retries with backoff for throttling and 5xx.
 */
public final class OrganizationAccounts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "AWSOrganizationsV20161128.ListAccounts";
    private static final int PAGE_SIZE = 20;
    private static final int MAX_ATTEMPTS = 5;

    private static final java.util.regex.Pattern ORGANIZATION_ARN =
            java.util.regex.Pattern.compile("arn:[\\w-]+:organizations::\\d{12}:account/(o-[a-z0-9]{10,32})/\\d{12}");

    private final AwsConnection aws;
    private final String partition;
    private String organizationId;

    public OrganizationAccounts(AwsConnection aws, String partition) {
        this.aws = aws;
        this.partition = partition;
    }

    /** The ids of the organization's ACTIVE accounts, sorted. */
    public List<String> activeAccountIds() {
        TreeSet<String> ids = new TreeSet<>();
        String nextToken = null;
        do {
            JsonNode page = call(nextToken);
            for (JsonNode account : page.path("Accounts")) {
                String status = account.hasNonNull("State") ? account.get("State").asText()
                        : account.path("Status").asText();
                String id = account.path("Id").asText();
                java.util.regex.Matcher arn = ORGANIZATION_ARN.matcher(account.path("Arn").asText());
                if (organizationId == null && arn.matches()) {
                    organizationId = arn.group(1);
                }
                if ("ACTIVE".equals(status) && Account.isAccountId(id)) {
                    ids.add(id);
                }
            }
            nextToken = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
        } while (nextToken != null && !nextToken.isEmpty());
        return List.copyOf(ids);
    }

    /**
     * The organization's id ({@code o-...}), read from the account ARNs of {@link #activeAccountIds()}
     * (which must have run), so it costs no call and no permission beyond ListAccounts.
     */
    public java.util.Optional<String> organizationId() {
        return java.util.Optional.ofNullable(organizationId);
    }

    /** Organizations is global: one endpoint and signing region per partition. */
    String signingRegion() {
        return switch (partition) {
            case "aws-cn" -> "cn-northwest-1";
            case "aws-us-gov" -> "us-gov-west-1";
            default -> "us-east-1";
        };
    }

    URI endpoint() {
        if (aws.endpoint() != null) {
            return aws.endpoint();
        }
        return URI.create(switch (partition) {
            case "aws-cn" -> "https://organizations.cn-northwest-1.amazonaws.com.cn";
            case "aws-us-gov" -> "https://organizations.us-gov-west-1.amazonaws.com";
            default -> "https://organizations.us-east-1.amazonaws.com";
        });
    }

    private JsonNode call(String nextToken) {
        ObjectNode body = JSON.createObjectNode().put("MaxResults", PAGE_SIZE);
        if (nextToken != null) {
            body.put("NextToken", nextToken);
        }
        String payload = body.toString();
        OrganizationsException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                return send(payload);
            } catch (OrganizationsException e) {
                if (!e.retryable()) {
                    throw e;
                }
                last = e;
            } catch (IOException | UncheckedIOException e) {
                last = new OrganizationsException("no answer from " + endpoint() + ": " + e.getMessage(), true, e);
            }
            if (attempt < MAX_ATTEMPTS) {
                backOff(attempt);
            }
        }
        throw new OrganizationsException(last.getMessage() + " (still failing after " + MAX_ATTEMPTS + " attempts)",
                false, last);
    }

    private JsonNode send(String payload) throws IOException {
        URI endpoint = endpoint();
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET)
                .putHeader("User-Agent", "plumb/" + PlumbTestEngine.version())
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(sign -> sign
                .identity(aws.callerCredentials().resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(payload))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "organizations")
                .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion()));
        SdkHttpRequest signedRequest = signed.request();
        HttpExecuteResponse response = aws.httpClient().prepareRequest(HttpExecuteRequest.builder()
                .request(signedRequest).contentStreamProvider(signed.payload().orElse(null)).build()).call();
        byte[] bytes;
        try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
            bytes = in.readAllBytes();
        }
        int status = response.httpResponse().statusCode();
        if (status / 100 == 2) {
            String problem = ResponseCheck.jsonProblem(bytes, true);
            JsonNode answer = problem == null ? JSON.readTree(bytes) : null;
            if (problem == null && !answer.path("Accounts").isArray()) {
                problem = "it holds no Accounts list";
            }
            if (problem != null) {
                throw new OrganizationsException(ResponseCheck.failure("organizations:ListAccounts", status,
                        response.httpResponse().firstMatchingHeader("Content-Type").orElse(null), problem).getMessage(),
                        false, null);
            }
            return answer;
        }
        JsonNode answer;
        try {
            answer = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            answer = JSON.createObjectNode();
        }
        String type = errorType(answer, response.httpResponse().headers());
        String message = answer.path("message").asText(answer.path("Message").asText(""));
        boolean throttled = type.contains("TooManyRequests") || type.contains("Throttl") || status == 429;
        throw new OrganizationsException(type + " (HTTP " + status + ")" + (message.isBlank() ? "" : ": " + message)
                + (throttled ? " (throttled)" : ""), throttled || status >= 500, null);
    }

    private static String errorType(JsonNode answer, Map<String, List<String>> headers) {
        String type = answer.path("__type").asText("");
        if (type.isEmpty()) {
            type = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("x-amzn-ErrorType"))
                    .flatMap(h -> h.getValue().stream()).findFirst().orElse("UnknownError");
        }
        int hash = type.lastIndexOf('#');
        type = hash >= 0 ? type.substring(hash + 1) : type;
        int colon = type.indexOf(':');
        return colon >= 0 ? type.substring(0, colon) : type;
    }

    private static void backOff(int attempt) {
        long base = 500L << (attempt - 1);
        try {
            Thread.sleep(base + ThreadLocalRandom.current().nextLong(base));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrganizationsException("interrupted while listing the organization's accounts", false, e);
        }
    }

    /** Why the accounts could not be listed; one line. */
    public static final class OrganizationsException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean retryable;

        OrganizationsException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        boolean retryable() {
            return retryable;
        }
    }
}
