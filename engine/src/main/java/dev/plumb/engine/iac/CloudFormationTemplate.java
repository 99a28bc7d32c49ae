package dev.plumb.engine.iac;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.plumb.api.Account;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.PartitionMetadata;

/**
 * Reads a CloudFormation template, YAML (with the short tags {@code !Sub}, {@code !Ref}, ...) or
 * JSON: the {@code ManagedPolicyArns} of {@code AWS::IAM::Role}, {@code AWS::IAM::User} and
 * {@code AWS::IAM::Group}, each with the line of its logical id. Literal ARNs, {@code Fn::Sub},
 * {@code Fn::Join}, {@code Fn::Select} and {@code Ref} to pseudo parameters and to parameters with a
 * {@code Default} are resolved; anything else is known only at deploy.
 */
final class CloudFormationTemplate {

    static final String ADVICE = "Make the value known before deploy: write the ARN literally or as "
            + "!Sub 'arn:${AWS::Partition}:iam::aws:policy/NAME', or give the parameter a Default.";
    private static final Set<String> FUNCTIONS = Set.of("Ref", "Condition", "Fn::Base64", "Fn::Cidr",
            "Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs", "Fn::ImportValue", "Fn::Join", "Fn::Select", "Fn::Split",
            "Fn::Sub", "Fn::Transform", "Fn::If", "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Fn::Length",
            "Fn::ToJsonString", "Fn::ForEach");
    private static final Map<String, IacState.Kind> TYPES = Map.of("AWS::IAM::Role", IacState.Kind.ROLE,
            "AWS::IAM::User", IacState.Kind.USER, "AWS::IAM::Group", IacState.Kind.GROUP);
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)\\}");

    /** A node of the template with its YAML tag (without the {@code !}) and the line of its key or item. */
    private record Node(Object value, String tag, int line) {

        @SuppressWarnings("unchecked")
        Map<String, Node> map() {
            return value instanceof Map<?, ?> map ? (Map<String, Node>) map : Map.of();
        }

        @SuppressWarnings("unchecked")
        List<Node> list() {
            return value instanceof List<?> list ? (List<Node>) list : List.of();
        }

        String text() {
            return value instanceof String text ? text : null;
        }

        Node get(String key) {
            return map().get(key);
        }

        /** The intrinsic function this node calls, or null. */
        String function() {
            if (tag != null) {
                return tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
            }
            Map<String, Node> map = map();
            if (map.size() == 1) {
                String key = map.keySet().iterator().next();
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return key;
                }
            }
            return null;
        }

        /** The argument of the intrinsic function. */
        Node argument() {
            return tag != null ? new Node(value, null, line) : map().values().iterator().next();
        }
    }

    private final Path file;
    private final Account account;
    private final String region;
    private final Location fileStart;
    private final String relative;
    private Map<String, Node> parameters = Map.of();
    private Map<String, Node> resources = Map.of();

    private CloudFormationTemplate(Path file, Account account, String region, Path sourceRoot) {
        this.file = file;
        this.account = account;
        this.region = region;
        Path path = sourceRoot.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        String text = path.toString().replace('\\', '/');
        this.relative = text.startsWith("..") || text.contains(":") ? null : text;
        this.fileStart = relative == null ? null : new Location(relative, 1);
    }

    /** Checks a template without an account: everything but the values that depend on it. */
    static void check(Path file) {
        read(file, new Account("000000000000", "aws"), "us-east-1", Path.of("."));
    }

    static IacState read(Path file, Account account, String region, Path sourceRoot) {
        CloudFormationTemplate template = new CloudFormationTemplate(file, account, region, sourceRoot);
        Node root = template.parse();
        IacState state = new IacState("CloudFormation template " + file, ADVICE, "at deploy");
        state.account = account.id();
        state.partition = account.partition();
        Node resourcesNode = root.get("Resources");
        state.fallback = template.at(resourcesNode.line());
        template.readResources(state);
        return state;
    }

    private Location at(int line) {
        return relative == null ? null : new Location(relative, line);
    }

    private Node parse() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw problem("does not exist");
        } catch (IOException e) {
            throw problem("cannot be read: " + e.getMessage());
        }
        boolean json = text.stripLeading().startsWith("{");
        if (!json) {
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String indent = line.substring(0, line.length() - line.stripLeading().length());
                if (indent.indexOf('\t') >= 0) {
                    throw new IacException("--cloudformation " + file + " line " + (i + 1) + " is indented with a tab: "
                            + "YAML allows only spaces for indentation; replace the tabs with spaces.");
                }
            }
        }
        Node root;
        try (JsonParser parser = (json ? new JsonFactory() : new YAMLFactory()).createParser(text)) {
            if (parser.nextToken() == null) {
                throw problem("is empty");
            }
            root = read(parser);
        } catch (JsonProcessingException e) {
            throw problem("is not valid " + (json ? "JSON" : "YAML") + " at line " + e.getLocation().getLineNr() + " ("
                    + e.getOriginalMessage().lines().findFirst().orElse("").strip() + ")");
        } catch (IOException e) {
            throw problem("cannot be read: " + e.getMessage());
        }
        if (!(root.value() instanceof Map)) {
            throw problem("is not a CloudFormation template: it is not a mapping with Resources");
        }
        if (root.get("format_version") != null) {
            throw problem("is a Terraform plan, not a template: scan it with --terraform-plan");
        }
        if (root.get("UserDetailList") != null || root.get("RoleDetailList") != null) {
            throw problem("is an account snapshot, not a template: scan it with --snapshot");
        }
        if (root.get("Resources") == null || !(root.get("Resources").value() instanceof Map)) {
            throw problem("has no Resources mapping: it is not a CloudFormation template");
        }
        checkFunctions(root);
        parameters = root.get("Parameters") == null ? Map.of() : root.get("Parameters").map();
        resources = root.get("Resources").map();
        return root;
    }

    private IacException problem(String what) {
        return new IacException("--cloudformation " + file + " " + what + ".");
    }

    private static Node read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        int line = parser.currentTokenLocation().getLineNr();
        String tag = null;
        if (parser instanceof YAMLParser yaml) {
            tag = yaml.getTypeId();
            if (tag != null && (tag.startsWith("tag:yaml.org") || tag.isEmpty())) {
                tag = null;
            }
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, Node> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    parser.nextToken();
                    Node value = read(parser);
                    map.put(key, new Node(value.value(), value.tag(), keyLine));
                }
                return new Node(map, tag, line);
            }
            case START_ARRAY -> {
                List<Node> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(parser));
                }
                return new Node(list, tag, line);
            }
            case VALUE_NULL -> {
                return new Node(tag != null ? "" : null, tag, line);
            }
            default -> {
                return new Node(parser.getText(), tag, line);
            }
        }
    }

    private void checkFunctions(Node node) {
        String function = node.function();
        if (function != null && !FUNCTIONS.contains(function)) {
            String written = node.tag() != null ? "!" + node.tag() : function;
            throw new IacException("--cloudformation " + file + " line " + node.line() + ": unknown intrinsic function "
                    + written + "; CloudFormation knows Ref, Condition and Fn::Base64, Cidr, FindInMap, GetAtt, GetAZs,"
                    + " ImportValue, Join, Select, Split, Sub, Transform, If, Equals, And, Or, Not, Length,"
                    + " ToJsonString: check the spelling.");
        }
        node.map().values().forEach(this::checkFunctions);
        node.list().forEach(this::checkFunctions);
    }

    private void readResources(IacState state) {
        resources.forEach((logicalId, resource) -> {
            Node type = resource.get("Type");
            IacState.Kind kind = type == null ? null : TYPES.get(type.text());
            if (kind == null) {
                return;
            }
            Location where = at(resource.line());
            Node properties = resource.get("Properties");
            String nameProperty = kind == IacState.Kind.ROLE ? "RoleName" : kind == IacState.Kind.USER
                    ? "UserName" : "GroupName";
            Node nameNode = properties == null ? null : properties.get(nameProperty);
            Value name = nameNode == null ? Value.unknown(logicalId + " (name generated at deploy)")
                    : value(nameNode, nameProperty + " of " + logicalId);
            if (!name.isKnown() && nameNode != null) {
                name = Value.unknown(logicalId + " (name known at deploy)");
            }
            state.principals.add(new IacState.Principal(kind, name, logicalId, where));
            Node arns = properties == null ? null : properties.get("ManagedPolicyArns");
            if (arns == null) {
                return;
            }
            String what = "ManagedPolicyArns of " + logicalId;
            List<Value> policies = list(arns, what);
            Node condition = resource.get("Condition");
            if (condition != null) {
                String because = logicalId + " exists only when condition " + condition.text() + " holds";
                policies = policies.stream().map(p -> Value.unknown(because)).toList();
            }
            if (name.isKnown()) {
                state.exclusives.add(new IacState.Exclusive(kind, name, policies, logicalId, where));
            }
            for (Value policy : policies) {
                state.attachments.add(new IacState.Attachment(kind, name, policy, logicalId, where));
            }
        });
    }

    private List<Value> list(Node node, String what) {
        if (node.function() == null && node.value() instanceof List) {
            return node.list().stream().map(item -> value(item, what)).toList();
        }
        if ("Ref".equals(node.function())) {
            Node parameter = parameters.get(node.argument().text());
            Node type = parameter == null ? null : parameter.get("Type");
            boolean fromSsm = type != null && type.text() != null && type.text().startsWith("AWS::SSM::");
            Node fallback = parameter == null || fromSsm ? null : parameter.get("Default");
            if (fallback != null && fallback.text() != null) {
                return List.of(fallback.text().split("\\s*,\\s*")).stream().map(Value::of).toList();
            }
            if (fallback != null && fallback.value() instanceof List) {
                return fallback.list().stream().map(item -> value(item, what)).toList();
            }
        }
        return List.of(Value.unknown(what + " (" + describe(node) + ")"));
    }

    private Value value(Node node, String what) {
        String function = node.function();
        if (function == null) {
            return node.text() != null ? Value.of(node.text()) : Value.unknown(what + " (not a string)");
        }
        Node argument = node.argument();
        switch (function) {
            case "Ref" -> {
                return ref(argument.text(), what);
            }
            case "Fn::Sub" -> {
                String template = argument.text() != null ? argument.text()
                        : argument.list().isEmpty() ? null : argument.list().get(0).text();
                Map<String, Node> variables = argument.list().size() > 1 ? argument.list().get(1).map() : Map.of();
                if (template == null) {
                    return Value.unknown(what + " (" + describe(node) + ")");
                }
                Matcher variable = SUB_VARIABLE.matcher(template);
                StringBuilder out = new StringBuilder();
                while (variable.find()) {
                    String name = variable.group(1).strip();
                    Value replacement = variables.containsKey(name) ? value(variables.get(name), what)
                            : name.contains(".") ? Value.unknown(what + " (${" + name + "} is known only at deploy)")
                            : ref(name, what);
                    if (!replacement.isKnown()) {
                        return replacement;
                    }
                    variable.appendReplacement(out, Matcher.quoteReplacement(replacement.known()));
                }
                variable.appendTail(out);
                return Value.of(out.toString().replace("${!", "${"));
            }
            case "Fn::Join" -> {
                List<Node> parts = argument.list();
                if (parts.size() != 2 || parts.get(0).text() == null) {
                    return Value.unknown(what + " (" + describe(node) + ")");
                }
                List<String> texts = new ArrayList<>();
                for (Value part : list(parts.get(1), what)) {
                    if (!part.isKnown()) {
                        return part;
                    }
                    texts.add(part.known());
                }
                return Value.of(String.join(parts.get(0).text(), texts));
            }
            case "Fn::Select" -> {
                List<Node> parts = argument.list();
                if (parts.size() == 2 && parts.get(0).text() != null && parts.get(0).text().matches("\\d+")) {
                    List<Value> items = list(parts.get(1), what);
                    int index = Integer.parseInt(parts.get(0).text());
                    if (items.stream().allMatch(Value::isKnown) && index < items.size()) {
                        return items.get(index);
                    }
                }
                return Value.unknown(what + " (" + describe(node) + ")");
            }
            default -> {
                return Value.unknown(what + " (" + describe(node) + " is known only at deploy)");
            }
        }
    }

    private Value ref(String name, String what) {
        if (name == null) {
            return Value.unknown(what + " (Ref without a name)");
        }
        switch (name) {
            case "AWS::Partition" -> {
                return Value.of(account.partition());
            }
            case "AWS::AccountId" -> {
                return Value.of(account.id());
            }
            case "AWS::Region" -> {
                return Value.of(region);
            }
            case "AWS::URLSuffix" -> {
                PartitionMetadata partition = PartitionMetadata.of(account.partition());
                return Value.of(partition == null ? "amazonaws.com" : partition.dnsSuffix());
            }
            default -> {
            }
        }
        Node parameter = parameters.get(name);
        if (parameter != null) {
            Node type = parameter.get("Type");
            if (type != null && type.text() != null && type.text().startsWith("AWS::SSM::Parameter::Value")) {
                return Value.unknown(what + " (parameter " + name + " is read from SSM Parameter Store at deploy)");
            }
            Node fallback = parameter.get("Default");
            return fallback != null && fallback.text() != null ? Value.of(fallback.text())
                    : Value.unknown(what + " (parameter " + name + " has no Default)");
        }
        if (resources.containsKey(name)) {
            return Value.unknown(what + " (Ref " + name + " is known only at deploy)");
        }
        return Value.unknown(what + " (Ref " + name + " names no parameter or resource)");
    }

    private static String describe(Node node) {
        String function = node.function();
        Node argument = node.argument();
        String shown = argument.text() != null ? " " + argument.text() : "";
        return (node.tag() != null ? "!" + node.tag() : function) + shown + " at line " + node.line();
    }
}
