package dev.plumb.engine.iac;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.plumb.api.Account;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads the JSON of {@code terraform show -json PLANFILE}: the IAM resources of {@code planned_values}
 * (root and child modules, every {@code count} / {@code for_each} instance), what each
 * {@code resource_changes} action does to them, and the account and partition of
 * {@code prior_state} and the provider configuration.
 */
final class TerraformPlan {

    static final String ADVICE = "Make the value known at plan time: write the policy ARN literally or build it "
            + "from data sources read during plan (data.aws_partition, data.aws_caller_identity), not from "
            + "attributes of resources this plan creates; or apply those resources in an earlier run.";
    private static final Pattern MODULES = Pattern.compile("(module\\.[^.\\[]+(\\[[^\\]]*\\])?\\.)*");
    private static final Pattern FORMAT = Pattern.compile("0\\.[12]|1\\.\\d+");
    private static final Set<String> TYPES = Set.of("aws_iam_role", "aws_iam_user", "aws_iam_group",
            "aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment",
            "aws_iam_policy_attachment", "aws_iam_role_policy_attachments_exclusive");
    private static final Set<String> CONFIGURATION_KEYS = Set.of("resource", "provider", "terraform", "module",
            "variable", "output", "locals", "data");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    private final Path file;
    private final IacState state;
    private final Map<String, JsonNode> configuration = new HashMap<>();
    private TerraformSources sources;

    private TerraformPlan(Path file) {
        this.file = file;
        this.state = new IacState("Terraform plan " + file, ADVICE, "after apply");
    }

    /**
     * Reads a plan; {@code terraformDir} is the configuration directory, or null for the plan
     * file's own directory (then a directory without {@code .tf} files only means no source lines).
     */
    static IacState read(Path file, Path terraformDir, Path sourceRoot) {
        TerraformPlan plan = new TerraformPlan(file);
        JsonNode tree = plan.parse();
        plan.readConfiguration("", tree.path("configuration").path("root_module"));
        Path dir = terraformDir != null ? terraformDir
                : file.toAbsolutePath().getParent() == null ? Path.of(".") : file.toAbsolutePath().getParent();
        plan.sources = TerraformSources.of(dir, terraformDir != null, sourceRoot, tree.path("configuration"), JSON);
        plan.state.fallback = plan.sources == null ? null : plan.sources.rootFile();
        plan.readResources(tree);
        plan.readAccount(tree);
        return plan.state;
    }

    private JsonNode parse() {
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw problem("does not exist");
        } catch (JsonEOFException e) {
            throw problem("is truncated: the JSON ends early at line " + e.getLocation().getLineNr());
        } catch (JsonParseException e) {
            throw problem("is not JSON (line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (IOException e) {
            throw problem("cannot be read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || !tree.isObject()) {
            throw problem("is not a JSON object");
        }
        if (!tree.has("format_version")) {
            throw problem(whatElse(tree));
        }
        if (!tree.has("planned_values") && !tree.has("resource_changes")) {
            throw problem(tree.has("values")
                    ? "is the JSON of a Terraform state (terraform show -json without a plan file), not of a plan"
                    : "has a format_version but neither planned_values nor resource_changes: it is not a plan");
        }
        String version = tree.path("format_version").asText("");
        if (!FORMAT.matcher(version).matches()) {
            throw new IacException("Terraform plan " + file + " has format_version " + version + ", which Plumb does"
                    + " not read (it reads 0.1, 0.2 and 1.x, written by Terraform 0.12 and later); write it with a"
                    + " Terraform 1.x 'terraform show -json PLANFILE'.");
        }
        return tree;
    }

    private static String whatElse(JsonNode tree) {
        if (tree.has("lineage") && tree.has("serial")) {
            return "is a Terraform state file (terraform.tfstate), not a plan";
        }
        if (tree.has("Resources") || tree.has("AWSTemplateFormatVersion")) {
            return "is a CloudFormation template, not a plan: scan it with --cloudformation";
        }
        if (tree.has("UserDetailList") || tree.has("RoleDetailList")) {
            return "is an account snapshot (get-account-authorization-details), not a plan: scan it with --snapshot";
        }
        for (Iterator<String> keys = tree.fieldNames(); keys.hasNext(); ) {
            if (CONFIGURATION_KEYS.contains(keys.next())) {
                return "is Terraform configuration in JSON syntax (.tf.json), not a plan";
            }
        }
        return "is JSON without a format_version: it is not the output of terraform show -json";
    }

    private IacException problem(String what) {
        return new IacException("--terraform-plan " + file + " " + what + ". Write the plan JSON with "
                + "'terraform plan -out=tfplan' and 'terraform show -json tfplan > plan.json'.");
    }

    private void readConfiguration(String prefix, JsonNode module) {
        for (JsonNode resource : module.path("resources")) {
            configuration.put(prefix + resource.path("address").asText(), resource);
        }
        for (Iterator<Map.Entry<String, JsonNode>> calls = module.path("module_calls").fields(); calls.hasNext(); ) {
            Map.Entry<String, JsonNode> call = calls.next();
            readConfiguration(prefix + "module." + call.getKey() + ".", call.getValue().path("module"));
        }
    }

    private void readResources(JsonNode tree) {
        Map<String, JsonNode> changes = new HashMap<>();
        for (JsonNode change : tree.path("resource_changes")) {
            changes.put(change.path("address").asText(), change);
        }
        Set<String> planned = new LinkedHashSet<>();
        eachResource(tree.path("planned_values").path("root_module"), resource -> {
            String address = resource.path("address").asText();
            planned.add(address);
            if (!isManagedIam(resource)) {
                return;
            }
            JsonNode change = changes.getOrDefault(address, MissingNode.getInstance()).path("change");
            Declared after = declared(resource.path("type").asText(), address, resource.path("values"),
                    change.path("after_unknown"));
            after.addTo(state);
            List<String> actions = actions(change);
            if (actions.contains("update") || actions.contains("delete")) {
                Declared before = declared(resource.path("type").asText(), address, change.path("before"),
                        MissingNode.getInstance());
                before.attachments.stream().filter(gone -> after.attachments.stream().noneMatch(kept -> same(kept, gone)))
                        .forEach(state.removed::add);
            }
        });
        for (JsonNode change : tree.path("resource_changes")) {
            String address = change.path("address").asText();
            if (planned.contains(address) || !isManagedIam(change)) {
                continue;
            }
            List<String> actions = actions(change.path("change"));
            Declared before = declared(change.path("type").asText(), address, change.path("change").path("before"),
                    MissingNode.getInstance());
            if (actions.contains("forget") || actions.equals(List.of("no-op"))) {
                before.addTo(state);
            } else if (actions.contains("delete")) {
                state.removed.addAll(before.attachments);
                state.deletedPrincipals.addAll(before.principals);
            }
        }
    }

    private static boolean same(IacState.Attachment a, IacState.Attachment b) {
        return a.kind() == b.kind() && a.principal().equals(b.principal()) && a.policy().equals(b.policy());
    }

    private static List<String> actions(JsonNode change) {
        List<String> actions = new ArrayList<>();
        change.path("actions").forEach(action -> actions.add(action.asText()));
        return actions.isEmpty() ? List.of("no-op") : actions;
    }

    private static boolean isManagedIam(JsonNode resource) {
        return "managed".equals(resource.path("mode").asText("managed")) && TYPES.contains(resource.path("type").asText());
    }

    private static void eachResource(JsonNode module, Consumer<JsonNode> action) {
        module.path("resources").forEach(action);
        module.path("child_modules").forEach(child -> eachResource(child, action));
    }

    /** What one resource declares, read from one set of values. */
    private static final class Declared {
        final List<IacState.Principal> principals = new ArrayList<>();
        final List<IacState.Attachment> attachments = new ArrayList<>();
        final List<IacState.Exclusive> exclusives = new ArrayList<>();
        final List<IacState.PolicyOwner> owners = new ArrayList<>();

        void addTo(IacState state) {
            state.principals.addAll(principals);
            state.attachments.addAll(attachments);
            state.exclusives.addAll(exclusives);
            state.policyOwners.addAll(owners);
        }
    }

    private Declared declared(String type, String address, JsonNode values, JsonNode unknown) {
        Declared declared = new Declared();
        if (values == null || values.isNull() || values.isMissingNode()) {
            return declared;
        }
        Location where = sources == null ? null : sources.locate(address);
        switch (type) {
            case "aws_iam_role", "aws_iam_user", "aws_iam_group" -> {
                IacState.Kind kind = IacState.Kind.valueOf(type.substring("aws_iam_".length()).toUpperCase());
                Value name = value(values, unknown, "name", address, "name of " + address + " (known after apply)");
                declared.principals.add(new IacState.Principal(kind, name, address, where));
                if (kind == IacState.Kind.ROLE && configures(address, "managed_policy_arns")) {
                    List<Value> policies = list(values, unknown, "managed_policy_arns", address);
                    declared.exclusives.add(new IacState.Exclusive(kind, name, policies, address, where));
                    policies.stream().filter(Value::isKnown).forEach(policy -> declared.attachments.add(
                            new IacState.Attachment(kind, name, policy, address, where)));
                }
            }
            case "aws_iam_role_policy_attachment" -> declared.attachments.add(new IacState.Attachment(
                    IacState.Kind.ROLE, principal(values, unknown, "role", address), policy(values, unknown, address),
                    address, where));
            case "aws_iam_user_policy_attachment" -> declared.attachments.add(new IacState.Attachment(
                    IacState.Kind.USER, principal(values, unknown, "user", address), policy(values, unknown, address),
                    address, where));
            case "aws_iam_group_policy_attachment" -> declared.attachments.add(new IacState.Attachment(
                    IacState.Kind.GROUP, principal(values, unknown, "group", address), policy(values, unknown, address),
                    address, where));
            case "aws_iam_policy_attachment" -> {
                Value policy = policy(values, unknown, address);
                declared.owners.add(new IacState.PolicyOwner(policy, address, where));
                for (IacState.Kind kind : IacState.Kind.values()) {
                    String attribute = kind.word() + "s";
                    if (unknown.path(attribute).isBoolean() && unknown.path(attribute).asBoolean()) {
                        declared.attachments.add(new IacState.Attachment(kind, Value.of("?"),
                                Value.unknown(attribute + " of " + address), address, where));
                        continue;
                    }
                    for (Value principal : list(values, unknown, attribute, address)) {
                        declared.attachments.add(new IacState.Attachment(kind, principal, policy, address, where));
                    }
                }
            }
            case "aws_iam_role_policy_attachments_exclusive" -> {
                Value role = principal(values, unknown, "role_name", address);
                List<Value> policies = list(values, unknown, "policy_arns", address);
                declared.exclusives.add(new IacState.Exclusive(IacState.Kind.ROLE, role, policies, address, where));
                policies.stream().filter(Value::isKnown).forEach(policy -> declared.attachments.add(
                        new IacState.Attachment(IacState.Kind.ROLE, role, policy, address, where)));
            }
            default -> {
            }
        }
        return declared;
    }

    private boolean configures(String address, String attribute) {
        JsonNode config = configuration.get(withoutIndexes(address));
        return config != null && config.path("expressions").has(attribute);
    }

    /** A principal name; unknown ones are named after the resource they reference. */
    private Value principal(JsonNode values, JsonNode unknown, String attribute, String address) {
        String referenced = reference(address, attribute, "aws_iam_");
        return value(values, unknown, attribute, address, referenced != null
                ? referenced + " (name known after apply)" : attribute + " of " + address + " (known after apply)");
    }

    /**
     * A policy ARN. One known only after apply that references a customer managed policy of the
     * same plan ({@code aws_iam_policy}) cannot be an AWS managed policy: it is known not to match.
     */
    private Value policy(JsonNode values, JsonNode unknown, String address) {
        Value policy = value(values, unknown, "policy_arn", address, "policy_arn of " + address);
        if (!policy.isKnown()) {
            String customer = reference(address, "policy_arn", "aws_iam_policy.");
            if (customer != null) {
                return Value.of("customer managed policy " + customer);
            }
        }
        return policy;
    }

    private String reference(String address, String attribute, String typePrefix) {
        JsonNode config = configuration.get(withoutIndexes(address));
        if (config == null) {
            return null;
        }
        String module = modulePrefix(address);
        for (JsonNode reference : config.path("expressions").path(attribute).path("references")) {
            String text = reference.asText();
            if (text.startsWith(typePrefix)) {
                String[] parts = text.split("\\.");
                return module + (parts.length >= 2 ? parts[0] + "." + parts[1] : text);
            }
        }
        return null;
    }

    private static String modulePrefix(String address) {
        java.util.regex.Matcher modules = MODULES.matcher(address);
        return modules.lookingAt() ? modules.group() : "";
    }

    private static String withoutIndexes(String address) {
        return address.replaceAll("\\[[^\\]]*\\]", "");
    }

    private static Value value(JsonNode values, JsonNode unknown, String attribute, String address, String what) {
        if (unknown.path(attribute).asBoolean(false)) {
            return Value.unknown(what);
        }
        JsonNode value = values.path(attribute);
        return value.isValueNode() && !value.isNull() ? Value.of(value.asText()) : Value.unknown(what);
    }

    private static List<Value> list(JsonNode values, JsonNode unknown, String attribute, String address) {
        JsonNode marks = unknown.path(attribute);
        if (marks.isBoolean() && marks.asBoolean()) {
            return List.of(Value.unknown(attribute + " of " + address));
        }
        List<Value> list = new ArrayList<>();
        JsonNode items = values.path(attribute);
        for (int i = 0; i < items.size(); i++) {
            list.add(marks.path(i).asBoolean(false) || items.get(i).isNull()
                    ? Value.unknown(attribute + "[" + i + "] of " + address) : Value.of(items.get(i).asText()));
        }
        for (int i = items.size(); i < marks.size(); i++) {
            list.add(Value.unknown(attribute + "[" + i + "] of " + address));
        }
        return list;
    }

    private void readAccount(JsonNode tree) {
        Set<String> arnAccounts = new LinkedHashSet<>();
        Set<String> arnPartitions = new LinkedHashSet<>();
        String[] identity = new String[2];
        eachResource(tree.path("prior_state").path("values").path("root_module"), resource -> {
            JsonNode values = resource.path("values");
            if ("data".equals(resource.path("mode").asText())) {
                if ("aws_caller_identity".equals(resource.path("type").asText())
                        && Account.isAccountId(values.path("account_id").asText())) {
                    identity[0] = values.path("account_id").asText();
                }
                if ("aws_partition".equals(resource.path("type").asText()) && values.hasNonNull("partition")) {
                    identity[1] = values.path("partition").asText();
                }
            } else if (TYPES.contains(resource.path("type").asText())) {
                arn(values.path("arn").asText(""), arnAccounts, arnPartitions);
            }
        });
        String providerAccount = null;
        for (JsonNode provider : tree.path("configuration").path("provider_config")) {
            for (JsonNode assume : provider.path("expressions").path("assume_role")) {
                String roleArn = assume.path("role_arn").path("constant_value").asText("");
                Set<String> accounts = new LinkedHashSet<>();
                arn(roleArn, accounts, arnPartitions);
                if (providerAccount == null && accounts.size() == 1) {
                    providerAccount = accounts.iterator().next();
                }
            }
        }
        for (IacState.Attachment attachment : state.attachments) {
            if (attachment.policy().isKnown()) {
                arn(attachment.policy().known(), new LinkedHashSet<>(), arnPartitions);
            }
        }
        state.account = identity[0] != null ? identity[0] : providerAccount != null ? providerAccount
                : arnAccounts.size() == 1 ? arnAccounts.iterator().next() : null;
        state.partition = identity[1] != null ? identity[1]
                : arnPartitions.size() == 1 ? arnPartitions.iterator().next() : null;
    }

    private static void arn(String arn, Set<String> accounts, Set<String> partitions) {
        String[] parts = arn.split(":", 6);
        if (parts.length == 6 && parts[0].equals("arn") && parts[1].matches("aws(-[a-z]+)*")) {
            partitions.add(parts[1]);
            if (Account.isAccountId(parts[4])) {
                accounts.add(parts[4]);
            }
        }
    }
}
