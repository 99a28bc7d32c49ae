package dev.plumb.engine.snapshot;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plumb.api.NotApplicableException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apiguardian.api.API;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyRequest;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListGroupsRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsResponse;
import software.amazon.awssdk.services.iam.model.ListRolesRequest;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.ListUsersRequest;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyGroup;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyUser;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.User;

/**
 * An {@link IamClient} that answers from an offline snapshot instead of the IAM API. It answers
 * the list operations the snapshot holds the data for, with the API's paging ({@code MaxItems},
 * {@code Marker}); the SDK paginators work on it unchanged. An operation that needs a list the file
 * does not hold (a capture without {@code RoleDetailList}) throws {@link NotApplicableException}; every
 * other operation throws {@link UnsupportedOperationException}. The engine reports both as SKIPPED.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class SnapshotIamClient implements IamClient {

    private static final int DEFAULT_PAGE = 100;

    private final Snapshot snapshot;
    private final String file;

    public SnapshotIamClient(Snapshot snapshot) {
        this(snapshot, "the snapshot");
    }

    public SnapshotIamClient(Snapshot snapshot, String file) {
        this.snapshot = snapshot;
        this.file = file;
    }

    private List<Snapshot.Principal> users(String operation) {
        return held("UserDetailList", snapshot.users(), operation);
    }

    private List<Snapshot.Principal> groups(String operation) {
        return held("GroupDetailList", snapshot.groups(), operation);
    }

    private List<Snapshot.Principal> roles(String operation) {
        return held("RoleDetailList", snapshot.roles(), operation);
    }

    /** The list, or SKIPPED when the file does not hold it: an absent list is not an empty one. */
    private <T> List<T> held(String section, List<T> list, String operation) {
        if (!snapshot.holds(section)) {
            throw new NotApplicableException("snapshot " + file + " holds no " + section + " (it was captured without"
                    + " it, for example with --filter), so " + operation + " cannot be answered from it. Capture"
                    + " every entity type to evaluate this rule.");
        }
        return list;
    }

    @Override
    public ListEntitiesForPolicyResponse listEntitiesForPolicy(ListEntitiesForPolicyRequest request) {
        String arn = request.policyArn();
        boolean known = arn.contains(":iam::aws:policy/")
                || held("Policies", snapshot.policies(), "iam:ListEntitiesForPolicy of " + arn).stream()
                        .anyMatch(policy -> arn.equals(policy.arn()));
        if (!known) {
            throw NoSuchEntityException.builder().message("Policy " + arn + " does not exist or is not attachable.")
                    .statusCode(404).build();
        }
        List<Object> entities = new ArrayList<>();
        EntityType filter = request.entityFilter();
        if (filter == null || filter == EntityType.USER) {
            users("iam:ListEntitiesForPolicy").stream().filter(u -> u.has(arn)).map(u -> (Object) PolicyUser.builder()
                    .userName(u.userName()).userId(u.userId()).build()).forEach(entities::add);
        }
        if (filter == null || filter == EntityType.ROLE) {
            roles("iam:ListEntitiesForPolicy").stream().filter(r -> r.has(arn)).map(r -> (Object) PolicyRole.builder()
                    .roleName(r.roleName()).roleId(r.roleId()).build()).forEach(entities::add);
        }
        if (filter == null || filter == EntityType.GROUP) {
            groups("iam:ListEntitiesForPolicy").stream().filter(g -> g.has(arn)).map(g -> (Object) PolicyGroup.builder()
                    .groupName(g.groupName()).groupId(g.groupId()).build()).forEach(entities::add);
        }
        Page<Object> page = Page.of(entities, request.maxItems(), request.marker());
        return ListEntitiesForPolicyResponse.builder()
                .policyUsers(page.items(PolicyUser.class))
                .policyRoles(page.items(PolicyRole.class))
                .policyGroups(page.items(PolicyGroup.class))
                .isTruncated(page.truncated()).marker(page.marker()).build();
    }

    @Override
    public ListRolesResponse listRoles(ListRolesRequest request) {
        Page<Role> page = Page.of(roles("iam:ListRoles").stream().map(r -> Role.builder().roleName(r.roleName())
                .roleId(r.roleId()).arn(r.arn()).path(r.path()).build()).toList(), request.maxItems(), request.marker());
        return ListRolesResponse.builder().roles(page.all()).isTruncated(page.truncated()).marker(page.marker()).build();
    }

    @Override
    public ListUsersResponse listUsers(ListUsersRequest request) {
        Page<User> page = Page.of(users("iam:ListUsers").stream().map(u -> User.builder().userName(u.userName())
                .userId(u.userId()).arn(u.arn()).path(u.path()).build()).toList(), request.maxItems(), request.marker());
        return ListUsersResponse.builder().users(page.all()).isTruncated(page.truncated()).marker(page.marker()).build();
    }

    @Override
    public ListGroupsResponse listGroups(ListGroupsRequest request) {
        Page<Group> page = Page.of(groups("iam:ListGroups").stream().map(g -> Group.builder().groupName(g.groupName())
                .groupId(g.groupId()).arn(g.arn()).path(g.path()).build()).toList(), request.maxItems(), request.marker());
        return ListGroupsResponse.builder().groups(page.all()).isTruncated(page.truncated()).marker(page.marker()).build();
    }

    @Override
    public ListAttachedRolePoliciesResponse listAttachedRolePolicies(ListAttachedRolePoliciesRequest request) {
        Page<AttachedPolicy> page = attached(roles("iam:ListAttachedRolePolicies"),
                Snapshot.Principal::roleName, request.roleName(), "role",
                request.maxItems(), request.marker());
        return ListAttachedRolePoliciesResponse.builder().attachedPolicies(page.all())
                .isTruncated(page.truncated()).marker(page.marker()).build();
    }

    @Override
    public ListAttachedUserPoliciesResponse listAttachedUserPolicies(ListAttachedUserPoliciesRequest request) {
        Page<AttachedPolicy> page = attached(users("iam:ListAttachedUserPolicies"),
                Snapshot.Principal::userName, request.userName(), "user",
                request.maxItems(), request.marker());
        return ListAttachedUserPoliciesResponse.builder().attachedPolicies(page.all())
                .isTruncated(page.truncated()).marker(page.marker()).build();
    }

    @Override
    public ListAttachedGroupPoliciesResponse listAttachedGroupPolicies(ListAttachedGroupPoliciesRequest request) {
        Page<AttachedPolicy> page = attached(groups("iam:ListAttachedGroupPolicies"),
                Snapshot.Principal::groupName, request.groupName(), "group", request.maxItems(), request.marker());
        return ListAttachedGroupPoliciesResponse.builder().attachedPolicies(page.all())
                .isTruncated(page.truncated()).marker(page.marker()).build();
    }

    private static Page<AttachedPolicy> attached(List<Snapshot.Principal> principals,
            Function<Snapshot.Principal, String> name, String wanted, String kind, Integer maxItems, String marker) {
        Snapshot.Principal principal = principals.stream().filter(p -> wanted.equals(name.apply(p))).findFirst()
                .orElseThrow(() -> NoSuchEntityException.builder()
                        .message("The " + kind + " with name " + wanted + " cannot be found.").statusCode(404).build());
        return Page.of(principal.attachedManagedPolicies().stream().map(p -> AttachedPolicy.builder()
                .policyName(p.policyName()).policyArn(p.policyArn()).build()).toList(), maxItems, marker);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // nothing to release: the snapshot lives in memory
    }

    /** One page of a list, with the opaque marker being the offset of the next item. */
    private record Page<T>(List<T> all, boolean truncated, String marker) {

        static <T> Page<T> of(List<T> items, Integer maxItems, String marker) {
            int from = marker == null ? 0 : Integer.parseInt(marker);
            int size = maxItems == null ? DEFAULT_PAGE : maxItems;
            int to = Math.min(items.size(), from + size);
            boolean truncated = to < items.size();
            return new Page<>(List.copyOf(items.subList(Math.min(from, items.size()), to)), truncated,
                    truncated ? Integer.toString(to) : null);
        }

        <U> List<U> items(Class<U> type) {
            return all.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
