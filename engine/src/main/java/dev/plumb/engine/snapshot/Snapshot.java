package dev.plumb.engine.snapshot;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.plumb.api.Account;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The JSON that {@code aws iam get-account-authorization-details --output json} prints: the
 * account's users, groups, roles and the managed policies attached to them. A list the file does
 * not hold (a capture with {@code --filter User Group} has no {@code RoleDetailList}) is absent,
 * not empty: its accessor answers an empty list and {@link #holds} answers false.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Snapshot(
        @JsonProperty("UserDetailList") List<Principal> users,
        @JsonProperty("GroupDetailList") List<Principal> groups,
        @JsonProperty("RoleDetailList") List<Principal> roles,
        @JsonProperty("Policies") List<ManagedPolicy> policies) {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");
    static final Set<String> SECTIONS = Set.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonFactory SNIFFER = new JsonFactory();

    public Snapshot {
        users = users == null ? null : List.copyOf(users);
        groups = groups == null ? null : List.copyOf(groups);
        roles = roles == null ? null : List.copyOf(roles);
        policies = policies == null ? null : List.copyOf(policies);
    }

    /** A JSON object whose top level names a section of a snapshot; reads no further than that. */
    public static boolean isSnapshotFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (JsonParser parser = SNIFFER.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                if (SECTIONS.contains(parser.currentName())) {
                    return true;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return false;
        } catch (IOException notJson) {
            return false;
        }
    }

    @Override
    public List<Principal> users() {
        return users == null ? List.of() : users;
    }

    @Override
    public List<Principal> groups() {
        return groups == null ? List.of() : groups;
    }

    @Override
    public List<Principal> roles() {
        return roles == null ? List.of() : roles;
    }

    @Override
    public List<ManagedPolicy> policies() {
        return policies == null ? List.of() : policies;
    }

    /** Whether the file holds this list ({@code UserDetailList}, {@code GroupDetailList}, ...), even an empty one. */
    public boolean holds(String section) {
        return switch (section) {
            case "UserDetailList" -> users != null;
            case "GroupDetailList" -> groups != null;
            case "RoleDetailList" -> roles != null;
            case "Policies" -> policies != null;
            default -> throw new IllegalArgumentException("not a section of a snapshot: " + section);
        };
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
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.find()) {
                throw problem(file, "has the key \"" + duplicate.group(1) + "\" twice in one object (line "
                        + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                        + "): which one holds is ambiguous");
            }
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
        requireObjectEntries(file, tree);
        Snapshot snapshot;
        try {
            snapshot = JSON.treeToValue(tree, Snapshot.class);
        } catch (JsonMappingException e) {
            throw problem(file, "does not have the shape of get-account-authorization-details: " + wrongType(tree, e));
        } catch (JsonProcessingException e) {
            throw problem(file, "does not have the shape of get-account-authorization-details: "
                    + e.getOriginalMessage());
        }
        snapshot.requireNames(file);
        requireComplete(file, tree);
        snapshot.account(file);
        return snapshot;
    }

    /** Every entry of a list of users, groups, roles, policies or attached policies must be an object. */
    private static void requireObjectEntries(Path file, JsonNode tree) {
        for (String section : SECTIONS) {
            JsonNode entries = tree.path(section);
            for (int i = 0; i < entries.size(); i++) {
                JsonNode entry = entries.get(i);
                requireObject(file, entry, section + "[" + i + "]");
                JsonNode attached = entry.path("AttachedManagedPolicies");
                for (int j = 0; attached.isArray() && j < attached.size(); j++) {
                    requireObject(file, attached.get(j), section + "[" + i + "].AttachedManagedPolicies[" + j + "]");
                }
            }
        }
    }

    private static void requireObject(Path file, JsonNode node, String path) {
        if (!node.isObject()) {
            throw problem(file, "does not have the shape of get-account-authorization-details: has " + path
                    + " of the wrong type: expected an object, found " + kind(node));
        }
    }

    /** The JSON path of a value of the wrong type, what was expected there and what was found. */
    private static String wrongType(JsonNode tree, JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        JsonNode found = tree;
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(step.getFieldName());
                found = found.path(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
                found = found.path(step.getIndex());
            }
        }
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        String expected = target == null ? "another type"
                : java.util.Collection.class.isAssignableFrom(target) ? "a list"
                : target == String.class ? "a string"
                : target == Boolean.class || target == boolean.class ? "true or false"
                : Number.class.isAssignableFrom(target) || target.isPrimitive() ? "a number"
                : "an object";
        return "has " + (path.length() == 0 ? "a value" : path) + " of the wrong type: expected " + expected
                + ", found " + kind(found);
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL -> "null";
            case OBJECT, POJO -> "an object";
            case ARRAY -> "a list";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            default -> "nothing";
        };
    }

    /**
     * A capture cut short by paging is refused: the missing pages may hold what decides a rule. The API
     * marks it with {@code IsTruncated} and {@code Marker}, the AWS CLI's {@code --max-items} with
     * {@code NextToken}.
     */
    private static void requireComplete(Path file, JsonNode tree) {
        String advice = ": the entities on the missing pages are not in it. Capture every page (plumb snapshot does;"
                + " with the AWS CLI, leave out --max-items and --no-paginate)";
        if (tree.path("IsTruncated").asBoolean(false)) {
            throw problem(file, "is incomplete: IsTruncated is true" + (tree.hasNonNull("Marker") ? " and it holds"
                    + " the Marker of a next page" : "") + advice);
        }
        if (tree.hasNonNull("NextToken")) {
            throw problem(file, "is incomplete: it holds NextToken, which the AWS CLI writes when --max-items cut"
                    + " its output short" + advice);
        }
        if (tree.hasNonNull("Marker") && !tree.has("IsTruncated")) {
            throw problem(file, "is incomplete: it holds Marker, the start of a next page" + advice);
        }
    }

    private void requireNames(Path file) {
        requireNames(file, users(), "UserDetailList", Principal::userName, "UserName");
        requireNames(file, groups(), "GroupDetailList", Principal::groupName, "GroupName");
        requireNames(file, roles(), "RoleDetailList", Principal::roleName, "RoleName");
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
        Stream.of(users(), groups(), roles()).flatMap(List::stream).map(Principal::arn).forEach(arn -> {
            if (arn == null) {
                throw problem(file, "lists a user, group or role without an Arn");
            }
            String[] parts = arn.split(":", 6);
            if (parts.length < 6 || !Account.isAccountId(parts[4])) {
                throw problem(file, "holds an ARN that names no account: " + arn);
            }
            requirePartition(file, arn, parts[1]);
            partitions.add(parts[1]);
            accounts.add(parts[4]);
        });
        policies().stream().map(ManagedPolicy::arn).filter(arn -> arn != null && !arn.contains(":iam::aws:"))
                .forEach(arn -> {
                    String[] parts = arn.split(":", 6);
                    if (parts.length == 6 && Account.isAccountId(parts[4])) {
                        requirePartition(file, arn, parts[1]);
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

    private static void requirePartition(Path file, String arn, String partition) {
        try {
            Account.partitionOf(arn);
        } catch (IllegalArgumentException invalid) {
            throw problem(file, "holds an ARN with an invalid partition '" + partition + "' (aws, aws-cn, aws-us-gov,"
                    + " ... in lower case): " + arn);
        }
    }

    private static SnapshotException problem(Path file, String what) {
        return new SnapshotException("snapshot " + file + " " + what + ". Capture one with 'plumb snapshot --output "
                + file.getFileName() + "' or 'aws iam get-account-authorization-details --output json'.");
    }
}
