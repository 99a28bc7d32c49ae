package dev.plumb.engine.iac;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plumb.api.NotApplicableException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyRequest;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListGroupsRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsResponse;
import software.amazon.awssdk.services.iam.model.ListRolesRequest;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.ListUsersRequest;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.PolicyGroup;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyUser;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.User;

/**
 * The IAM API of an account as plans and templates leave it: the base account (snapshot, live, or
 * nothing) with the planned changes applied. Answers {@code ListEntitiesForPolicy} and the
 * principal lists; every other operation is not applicable.
 *
 * <p>Unknown values: an attachment whose policy or principal is known only after apply can only add
 * entities. The first page therefore holds what is known and says more may follow; a caller that
 * asks for the next page (it needs the complete list to decide) gets {@link UnknownAtPlanTime}, which
 * names the resources. A rule that is satisfied by what is known decides on the first page.
 *
 * <p>Where findings point: each {@code ListEntitiesForPolicy} answer records the declaration that
 * the answer rests on (see {@link #takeFocus()}).
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class IamView {

    private static final String AFTER_APPLY = "after-apply";

    private final IacState state;
    private final IamClient base;
    private final IamClient client;
    private Location focus;

    IamView(IacState state, IamClient base) {
        this.state = state;
        this.base = base;
        this.client = (IamClient) Proxy.newProxyInstance(IamClient.class.getClassLoader(),
                new Class<?>[] {IamClient.class}, new Handler());
    }

    /** The client rules get. */
    public IamClient client() {
        return client;
    }

    /**
     * {@code file:line} of the declaration the last policy lookup rests on, then forgets it: the
     * attachment that grants it; else an unknown value it waits for; else the resource whose deletion
     * removes it; else a role that could carry it; else the first file. Empty if nothing is mapped.
     */
    public synchronized Optional<String> takeFocus() {
        Location taken = focus != null ? focus : state.fallback;
        focus = null;
        return Optional.ofNullable(taken).map(Location::toString);
    }

    /** {@code file:line} of the role, user or group with this ARN, if the state declares it. */
    public Optional<String> locate(String arn) {
        int slash = arn == null ? -1 : arn.lastIndexOf('/');
        if (slash < 0 || !arn.contains(":iam::")) {
            return Optional.empty();
        }
        String name = arn.substring(slash + 1);
        String type = arn.substring(arn.lastIndexOf(':') + 1, arn.indexOf('/'));
        return state.principals.stream()
                .filter(p -> p.kind().word().equals(type) && p.name().is(name) && p.where() != null)
                .map(p -> p.where().toString()).findFirst();
    }

    private synchronized void focusOn(Location where) {
        focus = where;
    }

    private record Entity(IacState.Kind kind, String name, Location where) {
    }

    ListEntitiesForPolicyResponse listEntitiesForPolicy(ListEntitiesForPolicyRequest request) {
        String policy = request.policyArn();
        List<String> unknown = new ArrayList<>();
        List<Location> unknownAt = new ArrayList<>();
        List<Location> removedAt = new ArrayList<>();
        Map<String, Entity> entities = new LinkedHashMap<>();
        if (base != null && !AFTER_APPLY.equals(request.marker())) {
            for (ListEntitiesForPolicyResponse page : base.listEntitiesForPolicyPaginator(
                    r -> r.policyArn(policy).maxItems(1000))) {
                page.policyRoles().forEach(r -> keep(entities, IacState.Kind.ROLE, r.roleName(), policy, removedAt));
                page.policyUsers().forEach(u -> keep(entities, IacState.Kind.USER, u.userName(), policy, removedAt));
                page.policyGroups().forEach(g -> keep(entities, IacState.Kind.GROUP, g.groupName(), policy, removedAt));
            }
        }
        state.removed.stream().filter(a -> a.policy().is(policy) && a.kind() == IacState.Kind.ROLE)
                .forEach(a -> removedAt.add(a.where()));
        for (IacState.Attachment attachment : state.attachments) {
            if (attachment.policy().isKnown() && !attachment.policy().is(policy)) {
                continue;
            }
            if (!attachment.policy().isKnown()) {
                unknown.add(attachment.policy().unknown());
                unknownAt.add(attachment.where());
                continue;
            }
            String name = attachment.principal().isKnown() ? attachment.principal().known()
                    : attachment.principal().unknown();
            entities.putIfAbsent(attachment.kind() + "/" + name, new Entity(attachment.kind(), name, attachment.where()));
        }
        for (IacState.Exclusive exclusive : state.exclusives) {
            exclusive.policies().stream().filter(p -> !p.isKnown()).forEach(p -> {
                unknown.add(p.unknown());
                unknownAt.add(exclusive.where());
            });
        }
        List<Entity> roles = entities.values().stream().filter(e -> e.kind() == IacState.Kind.ROLE).toList();
        focusOn(!roles.isEmpty() ? roles.get(0).where()
                : !unknownAt.isEmpty() ? unknownAt.get(0)
                : firstPresent(removedAt) != null ? firstPresent(removedAt)
                : state.principals.stream().filter(p -> p.kind() == IacState.Kind.ROLE).map(IacState.Principal::where)
                        .filter(java.util.Objects::nonNull).findFirst().orElse(state.fallback));
        if (AFTER_APPLY.equals(request.marker())) {
            throw new UnknownAtPlanTime("in " + state.description + ", the answer depends on values known only "
                    + state.later + ": " + String.join("; ", unknown.stream().distinct().toList()) + ". " + state.advice
                    + " Until then Plumb cannot tell what it needs when");
        }
        boolean more = !unknown.isEmpty();
        return ListEntitiesForPolicyResponse.builder()
                .policyRoles(of(entities, IacState.Kind.ROLE).map(e -> PolicyRole.builder().roleName(e.name()).build())
                        .toList())
                .policyUsers(of(entities, IacState.Kind.USER).map(e -> PolicyUser.builder().userName(e.name()).build())
                        .toList())
                .policyGroups(of(entities, IacState.Kind.GROUP)
                        .map(e -> PolicyGroup.builder().groupName(e.name()).build()).toList())
                .isTruncated(more).marker(more ? AFTER_APPLY : null).build();
    }

    private static Location firstPresent(List<Location> locations) {
        return locations.stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static java.util.stream.Stream<Entity> of(Map<String, Entity> entities, IacState.Kind kind) {
        return entities.values().stream().filter(e -> e.kind() == kind);
    }

    /** Keeps an entity of the base account unless the planned changes take the policy away from it. */
    private void keep(Map<String, Entity> entities, IacState.Kind kind, String name, String policy,
            List<Location> removedAt) {
        for (IacState.PolicyOwner owner : state.policyOwners) {
            if (owner.policy().is(policy)) {
                removedAt.add(owner.where());
                return;
            }
        }
        for (IacState.Principal deleted : state.deletedPrincipals) {
            if (deleted.kind() == kind && deleted.name().is(name)) {
                removedAt.add(deleted.where());
                return;
            }
        }
        for (IacState.Attachment gone : state.removed) {
            if (gone.kind() == kind && gone.principal().is(name) && gone.policy().is(policy)) {
                removedAt.add(gone.where());
                return;
            }
        }
        for (IacState.Exclusive exclusive : state.exclusives) {
            if (exclusive.kind() == kind && exclusive.principal().is(name)
                    && exclusive.policies().stream().allMatch(Value::isKnown)
                    && exclusive.policies().stream().noneMatch(p -> p.is(policy))) {
                removedAt.add(exclusive.where());
                return;
            }
        }
        entities.putIfAbsent(kind + "/" + name, new Entity(kind, name, null));
    }

    ListRolesResponse listRoles(ListRolesRequest request) {
        List<String> names = names(IacState.Kind.ROLE, base == null ? List.of()
                : base.listRolesPaginator(r -> r.maxItems(1000)).roles().stream().map(Role::roleName).toList());
        return ListRolesResponse.builder().roles(names.stream().map(n -> Role.builder().roleName(n).build()).toList())
                .isTruncated(false).build();
    }

    ListUsersResponse listUsers(ListUsersRequest request) {
        List<String> names = names(IacState.Kind.USER, base == null ? List.of()
                : base.listUsersPaginator(r -> r.maxItems(1000)).users().stream().map(User::userName).toList());
        return ListUsersResponse.builder().users(names.stream().map(n -> User.builder().userName(n).build()).toList())
                .isTruncated(false).build();
    }

    ListGroupsResponse listGroups(ListGroupsRequest request) {
        List<String> names = names(IacState.Kind.GROUP, base == null ? List.of()
                : base.listGroupsPaginator(r -> r.maxItems(1000)).groups().stream().map(Group::groupName).toList());
        return ListGroupsResponse.builder().groups(names.stream().map(n -> Group.builder().groupName(n).build())
                .toList()).isTruncated(false).build();
    }

    private List<String> names(IacState.Kind kind, List<String> existing) {
        List<String> names = new ArrayList<>();
        for (String name : existing) {
            boolean deleted = state.deletedPrincipals.stream().anyMatch(p -> p.kind() == kind && p.name().is(name));
            if (!deleted) {
                names.add(name);
            }
        }
        state.principals.stream().filter(p -> p.kind() == kind)
                .map(p -> p.name().isKnown() ? p.name().known() : p.name().unknown())
                .filter(n -> !names.contains(n)).forEach(names::add);
        return names;
    }

    /** Dispatches the operations this view answers; everything else is not applicable. */
    private final class Handler implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Class<?>[] parameters = method.getParameterTypes();
            String name = method.getName();
            if (parameters.length == 1 && !name.endsWith("Paginator")) {
                if (parameters[0] == ListEntitiesForPolicyRequest.class) {
                    return listEntitiesForPolicy((ListEntitiesForPolicyRequest) args[0]);
                }
                if (parameters[0] == ListRolesRequest.class) {
                    return listRoles((ListRolesRequest) args[0]);
                }
                if (parameters[0] == ListUsersRequest.class) {
                    return listUsers((ListUsersRequest) args[0]);
                }
                if (parameters[0] == ListGroupsRequest.class) {
                    return listGroups((ListGroupsRequest) args[0]);
                }
            }
            switch (name) {
                case "serviceName":
                    return IamClient.SERVICE_NAME;
                case "close":
                    return null;
                case "toString":
                    return "IamClient[" + state.description + "]";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    break;
            }
            if (method.isDefault()) {
                try {
                    return InvocationHandler.invokeDefault(proxy, method, args);
                } catch (UnsupportedOperationException e) {
                    throw notDescribed(name);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
            throw notDescribed(name);
        }

        private NotApplicableException notDescribed(String operation) {
            String call = Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
            return new NotApplicableException(state.description + " does not describe the IAM data of iam:" + call
                    + " that this rule needs; scan the account itself (live or --snapshot) to evaluate it.");
        }
    }
}
