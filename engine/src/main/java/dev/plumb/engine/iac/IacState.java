package dev.plumb.engine.iac;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The IAM principals and managed-policy attachments that Terraform plans or CloudFormation templates
 * leave in an account, with what they remove, and where each is declared. Rules see it through
 * {@link #iamClient(IamClient)}, on its own or over a snapshot or a live account.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class IacState {

    enum Kind {
        ROLE, USER, GROUP;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A role, user or group as it will exist after apply; {@code address} is the resource address or logical id. */
    record Principal(Kind kind, Value name, String address, Location where) {
    }

    /** A managed policy attached to a principal. */
    record Attachment(Kind kind, Value principal, Value policy, String address, Location where) {
    }

    /** A principal whose managed policies are exactly {@code policies} after apply (any other is detached). */
    record Exclusive(Kind kind, Value principal, List<Value> policies, String address, Location where) {
    }

    /** A policy whose entities are exactly the ones one resource lists ({@code aws_iam_policy_attachment}). */
    record PolicyOwner(Value policy, String address, Location where) {
    }

    final String description;
    final String advice;
    /** When unknown values become known: {@code after apply} or {@code at deploy}. */
    final String later;
    final List<Principal> principals = new ArrayList<>();
    final List<Principal> deletedPrincipals = new ArrayList<>();
    final List<Attachment> attachments = new ArrayList<>();
    final List<Attachment> removed = new ArrayList<>();
    final List<Exclusive> exclusives = new ArrayList<>();
    final List<PolicyOwner> policyOwners = new ArrayList<>();
    Location fallback;
    String account;
    String partition;

    IacState(String description, String advice, String later) {
        this.description = description;
        this.advice = advice;
        this.later = later;
    }

    /** The 12-digit account the plan names (caller identity, provider role, ARNs), or null. */
    public String account() {
        return account;
    }

    /** The partition the plan names ({@code data.aws_partition}, ARNs), or null. */
    public String partition() {
        return partition;
    }

    /** What was read, for messages: {@code Terraform plan plan.json}. */
    public String description() {
        return description;
    }

    /**
     * An {@link IamClient} that answers from this state over {@code base} (a snapshot or live client,
     * or null for an account that holds nothing else). Operations the state does not describe are
     * not applicable: the engine reports the rule as SKIPPED.
     */
    public IamView iamClient(IamClient base) {
        return new IamView(this, base);
    }

    /** Several plans and templates applied to one account, in order. */
    static IacState combine(List<IacState> states) {
        if (states.size() == 1) {
            return states.get(0);
        }
        IacState all = new IacState(String.join(", ", states.stream().map(s -> s.description).toList()),
                String.join(" ", states.stream().map(s -> s.advice).distinct().toList()),
                String.join(" or ", states.stream().map(s -> s.later).distinct().toList()));
        for (IacState state : states) {
            all.principals.addAll(state.principals);
            all.deletedPrincipals.addAll(state.deletedPrincipals);
            all.attachments.addAll(state.attachments);
            all.removed.addAll(state.removed);
            all.exclusives.addAll(state.exclusives);
            all.policyOwners.addAll(state.policyOwners);
            if (all.fallback == null) {
                all.fallback = state.fallback;
            }
            if (all.account == null) {
                all.account = state.account;
            }
            if (all.partition == null) {
                all.partition = state.partition;
            }
        }
        return all;
    }
}
