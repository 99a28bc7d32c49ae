package dev.plumb.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumb.samples.IacSamples.PlanSample;
import dev.plumb.samples.IacSamples.SourceLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The plan fixtures of samples/iac/terraform/plans are what 'terraform show -json' writes (the
 * documented JSON output format, checked rule by rule), each is the scenario samples/iac/README.md
 * says it is, and the .tf files they were planned from still match their configuration section.
 */
class TerraformSamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<PlanSample> PLANS = IacSamples.PLANS;

    /** The action lists a resource change can have. */
    private static final Set<List<String>> ACTIONS = Set.of(List.of("no-op"), List.of("create"), List.of("read"),
            List.of("update"), List.of("delete", "create"), List.of("create", "delete"), List.of("delete"),
            List.of("forget"));
    private static final Pattern BLOCK = Pattern.compile("^(resource|data|module)\\s+\"([^\"]+)\"(?:\\s+\"([^\"]+)\")?\\s*\\{");
    private static final String POLICY_SUFFIX = ":iam::aws:policy/" + IacSamples.POLICY;

    @ParameterizedTest(name = "{0}")
    @FieldSource("PLANS")
    void isTerraformJsonOutputOfAPlan(PlanSample sample) throws IOException {
        JsonNode plan = JSON.readTree(sample.planFile().toFile());

        assertThat(plan.path("format_version").asText()).as("format_version of major version 1").matches("1\\.\\d+");
        assertThat(plan.path("terraform_version").asText()).matches("\\d+\\.\\d+\\.\\d+(-\\S+)?");
        Map<String, JsonNode> planned = resources(plan.path("planned_values").path("root_module"), "");
        Map<String, JsonNode> prior = plan.has("prior_state")
                ? priorState(plan.path("prior_state")) : Map.of();
        Map<String, JsonNode> changes = new TreeMap<>();
        for (JsonNode change : plan.withArray("resource_changes")) {
            String address = change.path("address").asText();
            assertThat(changes.put(address, change)).as("resource change listed twice: " + address).isNull();
            checkResourceChange(change);
        }

        for (Map.Entry<String, JsonNode> entry : changes.entrySet()) {
            String address = entry.getKey();
            JsonNode change = entry.getValue().path("change");
            List<String> actions = strings(change.path("actions"));
            boolean managed = entry.getValue().path("mode").asText().equals("managed");
            if (managed && !actions.equals(List.of("delete")) && !actions.equals(List.of("forget"))) {
                assertThat(planned).as("planned_values of " + address).containsKey(address);
                checkPlannedValues(address, planned.get(address).path("values"), change);
            }
            if (actions.contains("delete") || actions.contains("no-op") || actions.contains("update")) {
                assertThat(prior).as("prior_state of " + address + " " + actions).containsKey(address);
            }
            if (actions.equals(List.of("create")) || actions.equals(List.of("read"))) {
                assertThat(prior).as("prior_state of " + address + ", created by the plan").doesNotContainKey(address);
            }
            if (actions.equals(List.of("delete"))) {
                assertThat(planned).as("planned_values after deleting " + address).doesNotContainKey(address);
            }
        }
        for (Map.Entry<String, JsonNode> entry : planned.entrySet()) {
            if (entry.getValue().path("mode").asText().equals("managed")) {
                assertThat(changes).as("resource change of planned " + entry.getKey()).containsKey(entry.getKey());
            }
        }

        Map<String, JsonNode> configuration = new HashMap<>();
        configurationResources(plan.path("configuration").path("root_module"), "", configuration);
        for (String address : union(planned.keySet(), changes.keySet(), prior.keySet())) {
            JsonNode instance = planned.containsKey(address) ? planned.get(address)
                    : changes.containsKey(address) ? changes.get(address) : prior.get(address);
            JsonNode config = configuration.get(configAddress(address));
            assertThat(config).as("configuration of " + address + " (as " + configAddress(address) + ")").isNotNull();
            JsonNode index = instance.path("index");
            if (index.isInt()) {
                assertThat(config.has("count_expression")).as(address + " has a count index").isTrue();
            } else if (index.isTextual()) {
                assertThat(config.has("for_each_expression")).as(address + " has a for_each key").isTrue();
            } else {
                assertThat(config.has("count_expression") || config.has("for_each_expression"))
                        .as(address + " has no index, so no count or for_each").isFalse();
            }
        }
    }

    /** The outcome the README gives each fixture follows from the plan by account_supportrole's rule. */
    @ParameterizedTest(name = "{0}")
    @FieldSource("PLANS")
    void isTheScenarioTheReadmeDocuments(PlanSample sample) throws IOException {
        JsonNode plan = JSON.readTree(sample.planFile().toFile());
        Map<String, JsonNode> planned = resources(plan.path("planned_values").path("root_module"), "");
        Map<String, JsonNode> prior = plan.has("prior_state")
                ? priorState(plan.path("prior_state")) : Map.of();
        Map<String, JsonNode> changes = new TreeMap<>();
        plan.withArray("resource_changes").forEach(change -> changes.put(change.path("address").asText(), change));

        List<String> unknown = new ArrayList<>();
        Set<String> roles = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        for (JsonNode change : changes.values()) {
            JsonNode after = change.path("change").path("after");
            JsonNode afterUnknown = change.path("change").path("after_unknown");
            String type = change.path("type").asText();
            if (!type.endsWith("_policy_attachment") || after.isNull()) {
                continue;
            }
            if (afterUnknown.path("policy_arn").asBoolean(false)) {
                unknown.add(change.path("address").asText());
            } else if (after.path("policy_arn").asText().endsWith(POLICY_SUFFIX)) {
                switch (type) {
                    case "aws_iam_role_policy_attachment" -> roles.add(after.path("role").asText());
                    case "aws_iam_group_policy_attachment" -> groups.add(after.path("group").asText());
                    default -> throw new AssertionError("no scenario uses " + type);
                }
            }
        }
        String outcome = !unknown.isEmpty() ? "ERROR" : !roles.isEmpty() ? "PASS" : "FAIL";
        assertThat(outcome).as("account_supportrole on the planned state of " + sample.name()).isEqualTo(sample.outcome());
        switch (sample.outcome()) {
            case "ERROR" -> assertThat(unknown).containsExactly(sample.message());
            case "PASS" -> assertThat(roles).anySatisfy(role -> assertThat(sample.message()).contains(role));
            default -> assertThat(sample.message()).contains(groups.isEmpty() ? "has no IAM role"
                    : "attached only to group " + String.join(", ", groups));
        }

        List<String> callerAccounts = prior.values().stream()
                .filter(r -> r.path("type").asText().equals("aws_caller_identity"))
                .map(r -> r.path("values").path("account_id").asText()).distinct().toList();
        if (sample.extraOptions().contains("--account")) {
            assertThat(callerAccounts).as("no account in the plan, hence --account").isEmpty();
            assertThat(sample.extraOptions()).containsSequence("--account", sample.account());
        } else {
            assertThat(callerAccounts).as("data.aws_caller_identity in prior_state").containsExactly(sample.account());
        }

        if (sample == IacSamples.ATTACHMENT_DELETED) {
            // The plan keeps the role's computed managed_policy_arns as AWS last reported it: only the
            // deleted attachment tells that the policy goes. A gate that read the attribute would pass.
            JsonNode role = planned.get("aws_iam_role.support").path("values");
            assertThat(strings(role.path("managed_policy_arns"))).anyMatch(arn -> arn.endsWith(POLICY_SUFFIX));
            JsonNode roleConfig = plan.path("configuration").path("root_module").withArray("resources").get(0);
            assertThat(roleConfig.path("address").asText()).isEqualTo("aws_iam_role.support");
            assertThat(roleConfig.path("expressions").has("managed_policy_arns")).isFalse();
            assertThat(prior).containsKey("aws_iam_role_policy_attachment.support[0]");
        }
    }

    /** Every resource and module block of the .tf files is in the plan's configuration, and the other way round. */
    @ParameterizedTest(name = "{0}")
    @FieldSource("PLANS")
    void matchesTheTerraformFilesItWasPlannedFrom(PlanSample sample) throws IOException {
        JsonNode plan = JSON.readTree(sample.planFile().toFile());
        checkModule(plan.path("configuration").path("root_module"), sample.directory(), sample.name());
    }

    /** A FAIL's SARIF result points at the most specific place that exists, by the README's rule. */
    @ParameterizedTest(name = "{0}")
    @FieldSource("PLANS")
    void theSarifLocationOfAFailIsTheLineTheReadmeRuleGives(PlanSample sample) throws IOException {
        if (!sample.outcome().equals("FAIL")) {
            assertThat(sample.sarif()).as("only a FAIL has a SARIF result").isNull();
            return;
        }
        JsonNode plan = JSON.readTree(sample.planFile().toFile());
        JsonNode root = plan.path("configuration").path("root_module");
        SourceLine expected = null;
        for (JsonNode change : plan.withArray("resource_changes")) {
            JsonNode before = change.path("change").path("before");
            if (strings(change.path("change").path("actions")).contains("delete")
                    && before.path("policy_arn").asText().endsWith(POLICY_SUFFIX)) {
                expected = blockLine(sample.directory(), "resource", change.path("type").asText(),
                        change.path("name").asText());
            }
        }
        if (expected == null) {
            for (JsonNode resource : root.withArray("resources")) {
                if (resource.path("type").asText().equals("aws_iam_role")) {
                    expected = blockLine(sample.directory(), "resource", "aws_iam_role", resource.path("name").asText());
                    break;
                }
            }
        }
        if (expected == null) {
            expected = new SourceLine(relative(tfFiles(sample.directory()).get(0)), 1);
        }
        assertThat(sample.sarif()).isEqualTo(expected);
    }

    /** samples/iac/README.md's verdict table has the row these tests pin. */
    @ParameterizedTest(name = "{0}")
    @FieldSource("PLANS")
    void theReadmeTableSaysTheSame(PlanSample sample) throws IOException {
        String row = Files.readAllLines(IacSamples.IAC.resolve("README.md")).stream()
                .filter(line -> line.startsWith("| `" + sample.name() + ".json` |")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + sample.name() + " in samples/iac/README.md"));
        List<String> cells = List.of(row.split("\\s*\\|\\s*")).subList(1, 6);
        assertThat(cells.get(1)).isEqualTo("`" + sample.terraformDir() + "`");
        assertThat(cells.get(2)).startsWith(sample.account());
        assertThat(cells.get(3)).startsWith(sample.outcome() + ":").contains(sample.outcome().equals("ERROR")
                ? "`" + sample.message() + "`" : "");
        String where = cells.get(4);
        if (sample.sarif() == null) {
            assertThat(where).startsWith("none");
        } else {
            assertThat(where).matches(Pattern.quote("`" + sample.sarif().uri() + "` line " + sample.sarif().line())
                    + "(\\D.*)?");
        }
    }

    // --- the documented shapes ---

    private static void checkResourceChange(JsonNode change) {
        String address = change.path("address").asText();
        for (String field : List.of("address", "mode", "type", "name", "provider_name")) {
            assertThat(change.path(field).asText()).as(field + " of " + address).isNotBlank();
        }
        String prefix = change.has("module_address") ? change.path("module_address").asText() + "." : "";
        assertThat(change.has("module_address")).as("module_address of " + address).isEqualTo(address.startsWith("module."));
        assertThat(address).isEqualTo(instanceAddress(prefix, change));
        JsonNode body = change.path("change");
        List<String> actions = strings(body.path("actions"));
        assertThat(ACTIONS).as("actions of " + address).contains(actions);
        assertThat(body.has("before") && body.has("after")).as("before and after of " + address).isTrue();
        assertThat(body.path("after_unknown").isObject()).as("after_unknown of " + address).isTrue();
        if (actions.equals(List.of("create")) || actions.equals(List.of("read"))) {
            assertThat(body.path("before").isNull()).as("before of a created " + address).isTrue();
        }
        if (actions.equals(List.of("delete"))) {
            assertThat(body.path("after").isNull()).as("after of a deleted " + address).isTrue();
            assertThat(body.path("before").isObject()).as("before of a deleted " + address).isTrue();
        } else {
            assertThat(body.path("after").isObject()).as("after of " + address).isTrue();
        }
        for (Map.Entry<String, JsonNode> unknown : fields(body.path("after_unknown"))) {
            if (unknown.getValue().asBoolean(false)) {
                assertThat(body.path("after").path(unknown.getKey()).isMissingNode()
                        || body.path("after").path(unknown.getKey()).isNull())
                        .as("an unknown attribute has no value in after: " + address + "." + unknown.getKey()).isTrue();
            }
        }
    }

    /** planned_values holds the known attributes of after, and none of the unknown ones. */
    private static void checkPlannedValues(String address, JsonNode values, JsonNode change) {
        for (Map.Entry<String, JsonNode> value : fields(values)) {
            assertThat(value.getValue()).as("planned " + address + "." + value.getKey())
                    .isEqualTo(change.path("after").path(value.getKey()));
        }
        for (Map.Entry<String, JsonNode> unknown : fields(change.path("after_unknown"))) {
            if (unknown.getValue().asBoolean(false)) {
                assertThat(values.has(unknown.getKey())).as("unknown " + address + "." + unknown.getKey()
                        + " in planned_values").isFalse();
            }
        }
    }

    /** prior_state is a state representation, with a format_version of its own. */
    private static Map<String, JsonNode> priorState(JsonNode state) {
        assertThat(state.path("format_version").asText()).as("state format_version of major version 1").matches("1\\.\\d+");
        assertThat(state.path("terraform_version").asText()).isNotBlank();
        return resources(state.path("values").path("root_module"), "");
    }

    /** Resources of a state or planned-values module and its child modules, by address. */
    private static Map<String, JsonNode> resources(JsonNode module, String moduleAddress) {
        assertThat(module.isObject()).as("module " + moduleAddress).isTrue();
        Map<String, JsonNode> found = new TreeMap<>();
        String prefix = moduleAddress.isEmpty() ? "" : moduleAddress + ".";
        for (JsonNode resource : module.path("resources")) {
            String address = resource.path("address").asText();
            assertThat(resource.path("mode").asText()).as("mode of " + address).isIn("managed", "data");
            assertThat(resource.path("provider_name").asText()).as("provider_name of " + address).isNotBlank();
            // values lists the known attributes; Terraform leaves it out when none is known yet
            assertThat(resource.path("values").isObject() || resource.path("values").isMissingNode())
                    .as("values of " + address).isTrue();
            assertThat(resource.has("schema_version")).as("schema_version of " + address).isTrue();
            assertThat(address).isEqualTo(instanceAddress(prefix, resource));
            assertThat(found.put(address, resource)).as("listed twice: " + address).isNull();
        }
        for (JsonNode child : module.path("child_modules")) {
            String childAddress = child.path("address").asText();
            assertThat(childAddress).as("child module of " + (moduleAddress.isEmpty() ? "the root" : moduleAddress))
                    .startsWith(prefix + "module.");
            found.putAll(resources(child, childAddress));
        }
        return found;
    }

    /** Configuration resources by module-relative address path, e.g. module.oncall.aws_iam_role.this. */
    private static void configurationResources(JsonNode module, String prefix, Map<String, JsonNode> into) {
        for (JsonNode resource : module.path("resources")) {
            String expected = (resource.path("mode").asText().equals("data") ? "data." : "")
                    + resource.path("type").asText() + "." + resource.path("name").asText();
            assertThat(resource.path("address").asText()).isEqualTo(expected);
            assertThat(resource.path("mode").asText()).isIn("managed", "data");
            assertThat(resource.path("provider_config_key").asText()).as("provider_config_key of " + expected).isNotBlank();
            assertThat(resource.has("schema_version")).isTrue();
            if (resource.has("expressions")) {
                assertThat(resource.path("expressions").isObject()).isTrue();
            }
            into.put(prefix + expected, resource);
        }
        for (Map.Entry<String, JsonNode> call : fields(module.path("module_calls"))) {
            assertThat(call.getValue().path("source").asText()).as("source of module " + call.getKey()).isNotBlank();
            assertThat(call.getValue().path("module").isObject()).isTrue();
            configurationResources(call.getValue().path("module"), prefix + "module." + call.getKey() + ".", into);
        }
    }

    /** module.a["x"].aws_iam_role.this[0] -> module.a.aws_iam_role.this */
    private static String configAddress(String instanceAddress) {
        return instanceAddress.replaceAll("\\[[^\\]]*\\]", "");
    }

    private static String instanceAddress(String modulePrefix, JsonNode resource) {
        String address = modulePrefix + (resource.path("mode").asText().equals("data") ? "data." : "")
                + resource.path("type").asText() + "." + resource.path("name").asText();
        JsonNode index = resource.path("index");
        if (index.isInt()) {
            return address + "[" + index.asInt() + "]";
        }
        return index.isTextual() ? address + "[\"" + index.asText() + "\"]" : address;
    }

    // --- the .tf files ---

    private static void checkModule(JsonNode module, Path directory, String plan) throws IOException {
        Set<String> inConfiguration = new TreeSet<>();
        module.path("resources").forEach(r -> inConfiguration.add(
                (r.path("mode").asText().equals("data") ? "data" : "resource") + " " + r.path("type").asText() + "."
                        + r.path("name").asText()));
        fields(module.path("module_calls")).forEach(call -> inConfiguration.add("module " + call.getKey()));

        Set<String> inFiles = new TreeSet<>();
        for (Path file : tfFiles(directory)) {
            for (String line : Files.readAllLines(file)) {
                Matcher block = BLOCK.matcher(line);
                if (block.find()) {
                    inFiles.add(block.group(1) + " " + block.group(2)
                            + (block.group(3) == null ? "" : "." + block.group(3)));
                }
            }
        }
        assertThat(inFiles).as("blocks of the .tf files in " + relative(directory)
                + " against the configuration in plan " + plan + " (changed the module? run plans/generate.sh)")
                .isEqualTo(inConfiguration);
        for (Map.Entry<String, JsonNode> call : fields(module.path("module_calls"))) {
            Path source = directory.resolve(call.getValue().path("source").asText()).normalize();
            assertThat(source).as("local source of module " + call.getKey()).isDirectory();
            checkModule(call.getValue().path("module"), source, plan);
        }
    }

    private static SourceLine blockLine(Path directory, String kind, String type, String name) throws IOException {
        Pattern block = Pattern.compile("^" + kind + "\\s+\"" + Pattern.quote(type) + "\"\\s+\"" + Pattern.quote(name)
                + "\"\\s*\\{");
        for (Path file : tfFiles(directory)) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (block.matcher(lines.get(i)).find()) {
                    return new SourceLine(relative(file), i + 1);
                }
            }
        }
        throw new AssertionError("no block " + kind + " \"" + type + "\" \"" + name + "\" in " + directory);
    }

    private static List<Path> tfFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> tf = files.filter(f -> f.getFileName().toString().endsWith(".tf")).sorted().toList();
            assertThat(tf).as(".tf files in " + directory).isNotEmpty();
            return tf;
        }
    }

    private static String relative(Path file) {
        return Launcher.ROOT.relativize(file).toString();
    }

    // --- JSON helpers ---

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode object) {
        return object.properties();
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
