package dev.plumb.engine.aws;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plumb.api.Account;
import dev.plumb.api.AwsErrors;
import dev.plumb.api.UnexpectedResponseException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;

/**
 * The ACTIVE accounts of the caller's AWS Organization, from {@code organizations:ListAccounts},
 * every page, through the SDK's Organizations client built by the scan's {@link AwsConnection}
 * (its retries, timeouts, response check and HTTP client). The client's endpoint rules pick the
 * Organizations endpoint of the region's partition, or the endpoint override.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class OrganizationAccounts {

    static final String OPERATION = "organizations:ListAccounts";
    private static final int PAGE_SIZE = 20;
    private static final Pattern ORGANIZATION_ARN =
            Pattern.compile("arn:[\\w-]+:organizations::\\d{12}:account/(o-[a-z0-9]{10,32})/\\d{12}");

    private final AwsConnection aws;
    private final int pageSize;
    private String organizationId;

    public OrganizationAccounts(AwsConnection aws) {
        this(aws, PAGE_SIZE);
    }

    OrganizationAccounts(AwsConnection aws, int pageSize) {
        this.aws = aws;
        this.pageSize = pageSize;
    }

    /** The ids of the organization's ACTIVE accounts, sorted. */
    public List<String> activeAccountIds() {
        TreeSet<String> ids = new TreeSet<>();
        try (OrganizationsClient organizations = aws.build(OrganizationsClient.builder(), aws.callerCredentials())) {
            for (ListAccountsResponse page : organizations.listAccountsPaginator(list -> list.maxResults(pageSize))) {
                if (!page.hasAccounts()) {
                    throw new OrganizationsException(ResponseCheck.failure(OPERATION, page.sdkHttpResponse().statusCode(),
                            page.sdkHttpResponse().firstMatchingHeader("Content-Type").orElse(null),
                            "it holds no Accounts list").getMessage(), null);
                }
                for (software.amazon.awssdk.services.organizations.model.Account account : page.accounts()) {
                    Matcher arn = ORGANIZATION_ARN.matcher(String.valueOf(account.arn()));
                    if (organizationId == null && arn.matches()) {
                        organizationId = arn.group(1);
                    }
                    String state = account.stateAsString() != null ? account.stateAsString() : account.statusAsString();
                    if ("ACTIVE".equals(state) && Account.isAccountId(account.id())) {
                        ids.add(account.id());
                    }
                }
            }
        } catch (SdkException e) {
            throw new OrganizationsException(describe(e), e);
        }
        return List.copyOf(ids);
    }

    /**
     * The organization's id ({@code o-...}), read from the account ARNs of {@link #activeAccountIds()}
     * (which must have run), so it costs no call and no permission beyond ListAccounts.
     */
    public Optional<String> organizationId() {
        return Optional.ofNullable(organizationId);
    }

    private static String describe(SdkException e) {
        if (e instanceof UnexpectedResponseException || e.getCause() instanceof UnexpectedResponseException) {
            String message = (e instanceof UnexpectedResponseException ? e : e.getCause()).getMessage();
            int retryNote = message.indexOf(" (SDK Attempt Count");
            return retryNote > 0 ? message.substring(0, retryNote) : message;
        }
        boolean retried = e.numAttempts() != null && e.numAttempts() > 1;
        boolean throttled = AwsErrors.isThrottling(e);
        return AwsErrors.describe(e) + (throttled ? " (throttled)" : "")
                + (retried ? " (still failing after " + e.numAttempts() + " attempts)" : "");
    }

    /** Why the accounts could not be listed; one line. */
    public static final class OrganizationsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OrganizationsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
