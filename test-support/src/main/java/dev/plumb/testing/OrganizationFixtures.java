package dev.plumb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS Organization in moto, owned by moto's default account, built through moto's Organizations
 * API (JSON 1.1 protocol; moto reads the account from the default credentials and does not check
 * signatures, so the requests are unsigned).
 */
public final class OrganizationFixtures {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\"AccountId\"\\s*:\\s*\"(\\d{12})\"");

    private final String endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    public OrganizationFixtures(String endpoint) {
        this.endpoint = endpoint;
    }

    public OrganizationFixtures createOrganization() {
        call("CreateOrganization", "{\"FeatureSet\":\"ALL\"}");
        return this;
    }

    /** Creates a member account; returns the id moto generated for it (random 12 digits). */
    public String createAccount(String name) {
        String answer = call("CreateAccount", "{\"AccountName\":\"" + name + "\",\"Email\":\"" + name
                + "@example.com\"}");
        Matcher id = ACCOUNT_ID.matcher(answer);
        if (!id.find()) {
            throw new IllegalStateException("CreateAccount gave no account id: " + answer);
        }
        return id.group(1);
    }

    /** Closes a member account: it is no longer ACTIVE. */
    public void closeAccount(String accountId) {
        call("CloseAccount", "{\"AccountId\":\"" + accountId + "\"}");
    }

    private String call(String action, String json) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header("X-Amz-Target", "AWSOrganizationsV20161128." + action)
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/organizations/"
                            + "aws4_request, SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(action + " failed: HTTP " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
