package dev.plumb.engine.snapshot;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.UserDetail;

/**
 * A capture of an account's IAM authorization details ({@code iam:GetAccountAuthorizationDetails},
 * every page), in the JSON that {@code aws iam get-account-authorization-details --output json}
 * prints, so {@link Snapshot} reads it and the AWS CLI's output and ours are interchangeable.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public record SnapshotCapture(List<UserDetail> users, List<GroupDetail> groups, List<RoleDetail> roles,
        List<ManagedPolicyDetail> policies) {

    public static final String PERMISSION = "iam:GetAccountAuthorizationDetails";
    /** The API's largest page: the fewest round trips. */
    private static final int PAGE_SIZE = 1000;
    private static final ObjectWriter PRINTER = new ObjectMapper()
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false).writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n")));

    public SnapshotCapture {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
        roles = List.copyOf(roles);
        policies = List.copyOf(policies);
    }

    /** Reads every page; SDK exceptions (access denied, throttled after retries) reach the caller. */
    public static SnapshotCapture of(IamClient iam) {
        List<UserDetail> users = new ArrayList<>();
        List<GroupDetail> groups = new ArrayList<>();
        List<RoleDetail> roles = new ArrayList<>();
        List<ManagedPolicyDetail> policies = new ArrayList<>();
        for (GetAccountAuthorizationDetailsResponse page : iam.getAccountAuthorizationDetailsPaginator(
                request -> request.maxItems(PAGE_SIZE))) {
            users.addAll(page.userDetailList());
            groups.addAll(page.groupDetailList());
            roles.addAll(page.roleDetailList());
            policies.addAll(page.policies());
        }
        return new SnapshotCapture(users, groups, roles, policies);
    }

    /**
     * Whether the capture names its account: {@link Snapshot} takes the account id from the ARNs of
     * users, groups, roles and customer managed policies, and an account with none has no such ARN.
     */
    public boolean namesAccount() {
        return !users.isEmpty() || !groups.isEmpty() || !roles.isEmpty()
                || policies.stream().anyMatch(policy -> policy.arn() != null && !policy.arn().contains(":iam::aws:"));
    }

    public ObjectNode json() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("UserDetailList", AwsCliJson.of(users));
        root.set("GroupDetailList", AwsCliJson.of(groups));
        root.set("RoleDetailList", AwsCliJson.of(roles));
        root.set("Policies", AwsCliJson.of(policies));
        return root;
    }

    /**
     * Writes the JSON to a temporary file next to {@code file} and moves it into place, so a reader
     * never sees half a snapshot and a failed write leaves an older file as it was.
     */
    public void writeTo(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                PRINTER.writeValue(out, json());
                out.write('\n');
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
