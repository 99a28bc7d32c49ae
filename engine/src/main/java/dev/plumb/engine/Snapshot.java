package dev.plumb.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.plumb.api.Account;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The JSON that {@code aws iam get-account-authorization-details --output json} prints: the
 * account's users, groups, roles and the managed policies attached to them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Snapshot(
        @JsonProperty("UserDetailList") List<Principal> users,
        @JsonProperty("GroupDetailList") List<Principal> groups,
        @JsonProperty("RoleDetailList") List<Principal> roles,
        @JsonProperty("Policies") List<ManagedPolicy> policies) {

    static final Set<String> SECTIONS = Set.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    public Snapshot {
        users = users == null ? List.of() : List.copyOf(users);
        groups = groups == null ? List.of() : List.copyOf(groups);
        roles = roles == null ? List.of() : List.copyOf(roles);
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /** A user, group or role, with the managed policies attached to it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Principal(
            @JsonProperty("UserName") String userName,
            @JsonProperty("GroupName") String groupName,
            @JsonProperty("RoleName") String roleName,
            @JsonProperty("Path") String path,
            @JsonProperty("Arn") String arn,
            @JsonProperty("UserId") String userId,
            @JsonProperty("GroupId") String groupId,
            @JsonProperty("RoleId") String roleId,
            @JsonProperty("AttachedManagedPolicies") List<AttachedPolicy> attachedManagedPolicies) {

        public Principal {
            attachedManagedPolicies = attachedManagedPolicies == null ? List.of() : List.copyOf(attachedManagedPolicies);
        }

        public String name() {
            return userName != null ? userName : groupName != null ? groupName : roleName;
        }

        public String id() {
            return userId != null ? userId : groupId != null ? groupId : roleId;
        }

        boolean has(String policyArn) {
            return attachedManagedPolicies.stream().anyMatch(policy -> policyArn.equals(policy.policyArn()));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AttachedPolicy(
            @JsonProperty("PolicyName") String policyName,
            @JsonProperty("PolicyArn") String policyArn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ManagedPolicy(
            @JsonProperty("PolicyName") String policyName,
            @JsonProperty("PolicyId") String policyId,
            @JsonProperty("Arn") String arn,
            @JsonProperty("Path") String path) {
    }

    /** Reads and checks a snapshot file; every problem is a {@link SnapshotException} naming the file. */
    public static Snapshot read(Path file) {
        if (Files.isDirectory(file)) {
            throw problem(file, "is a directory, not a snapshot file");
        }
        JsonNode tree;
        try {
            if (Files.size(file) == 0) {
                throw problem(file, "is empty");
            }
            tree = JSON.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw problem(file, "does not exist");
        } catch (AccessDeniedException e) {
            throw problem(file, "cannot be read: permission denied");
        } catch (JsonEOFException e) {
            throw problem(file, "is truncated: the JSON ends early at line " + e.getLocation().getLineNr());
        } catch (JsonParseException e) {
            throw problem(file, "is not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + " (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (MismatchedInputException e) {
            throw problem(file, "is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw problem(file, "cannot be read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw problem(file, "is empty");
        }
        if (!tree.isObject()) {
            throw problem(file, "is JSON but not an object with UserDetailList, GroupDetailList, RoleDetailList and Policies");
        }
        if (SECTIONS.stream().noneMatch(tree::has)) {
            throw problem(file, "is JSON but has none of UserDetailList, GroupDetailList, RoleDetailList, Policies:"
                    + " it is not the output of get-account-authorization-details");
        }
        for (String section : SECTIONS) {
            if (tree.has(section) && !tree.get(section).isArray()) {
                throw problem(file, "has a " + section + " that is not a list");
            }
        }
        try {
            Snapshot snapshot = JSON.treeToValue(tree, Snapshot.class);
            snapshot.requireNames(file);
            snapshot.account(file);
            return snapshot;
        } catch (JsonProcessingException e) {
            throw problem(file, "does not have the shape of get-account-authorization-details: "
                    + e.getOriginalMessage());
        }
    }

    private void requireNames(Path file) {
        requireNames(file, users, "UserDetailList", Principal::userName, "UserName");
        requireNames(file, groups, "GroupDetailList", Principal::groupName, "GroupName");
        requireNames(file, roles, "RoleDetailList", Principal::roleName, "RoleName");
    }

    private static void requireNames(Path file, List<Principal> principals, String section,
            java.util.function.Function<Principal, String> name, String key) {
        for (int i = 0; i < principals.size(); i++) {
            if (name.apply(principals.get(i)) == null) {
                throw problem(file, "has an entry in " + section + " without " + key + " (entry " + (i + 1) + ")");
            }
        }
    }

    /** The account the snapshot was taken of, from the ARNs inside it. */
    public Account account(Path file) {
        Set<String> accounts = new TreeSet<>();
        Set<String> partitions = new TreeSet<>();
        Stream.of(users, groups, roles).flatMap(List::stream).map(Principal::arn).forEach(arn -> {
            if (arn == null) {
                throw problem(file, "lists a user, group or role without an Arn");
            }
            String[] parts = arn.split(":", 6);
            if (parts.length < 6 || !Account.isAccountId(parts[4])) {
                throw problem(file, "holds an ARN that names no account: " + arn);
            }
            partitions.add(parts[1]);
            accounts.add(parts[4]);
        });
        policies.stream().map(ManagedPolicy::arn).filter(arn -> arn != null && !arn.contains(":iam::aws:"))
                .forEach(arn -> {
                    String[] parts = arn.split(":", 6);
                    if (parts.length == 6 && Account.isAccountId(parts[4])) {
                        partitions.add(parts[1]);
                        accounts.add(parts[4]);
                    }
                });
        if (accounts.isEmpty()) {
            throw problem(file, "lists no user, group, role or customer managed policy, so the account it was taken"
                    + " from is unknown");
        }
        if (accounts.size() > 1 || partitions.size() > 1) {
            throw problem(file, "mixes accounts " + accounts + " in partitions " + partitions
                    + ": take one snapshot per account");
        }
        return new Account(accounts.iterator().next(), partitions.iterator().next());
    }

    private static SnapshotException problem(Path file, String what) {
        return new SnapshotException("snapshot " + file + " " + what + ". Capture one with 'plumb snapshot --output "
                + file.getFileName() + "' or 'aws iam get-account-authorization-details --output json'.");
    }
}
