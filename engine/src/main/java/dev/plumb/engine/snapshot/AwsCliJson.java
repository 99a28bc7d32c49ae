package dev.plumb.engine.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Turns SDK model objects into the JSON the AWS CLI prints for them: the API's own member names
 * (PascalCase), members the service did not send left out, timestamps in ISO-8601, and IAM policy
 * documents (URL-encoded JSON on the wire) decoded into JSON objects.
 */
final class AwsCliJson {

    /** The IAM members of type policyDocumentType, which the AWS CLI decodes. */
    private static final Set<String> POLICY_DOCUMENTS = Set.of("PolicyDocument", "AssumeRolePolicyDocument", "Document");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private AwsCliJson() {
    }

    static ObjectNode of(SdkPojo pojo) {
        ObjectNode node = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
                continue;
            }
            node.set(field.memberName(), value instanceof String text && POLICY_DOCUMENTS.contains(field.memberName())
                    ? policyDocument(text) : value(value));
        }
        return node;
    }

    static ArrayNode of(Collection<? extends SdkPojo> pojos) {
        ArrayNode array = NODES.arrayNode();
        pojos.forEach(pojo -> array.add(of(pojo)));
        return array;
    }

    private static JsonNode value(Object value) {
        if (value instanceof SdkPojo pojo) {
            return of(pojo);
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(value(item)));
            return array;
        }
        if (value instanceof Map<?, ?> entries) {
            ObjectNode object = NODES.objectNode();
            entries.forEach((key, item) -> object.set(String.valueOf(key), value(item)));
            return object;
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(timestamp(instant));
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        return NODES.textNode(String.valueOf(value));
    }

    /**
     * ISO-8601 in UTC as IAM sends it: whole seconds ({@code 2025-03-14T09:26:53Z}), or microseconds
     * when there is a fraction, as moto sends them ({@code 2025-03-14T09:26:53.216000Z}).
     */
    static String timestamp(Instant instant) {
        String seconds = SECONDS.format(instant);
        int micros = instant.getNano() / 1000;
        return instant.getNano() == 0 ? seconds + "Z" : seconds + String.format(".%06dZ", micros);
    }

    /** As the AWS CLI does: URL-decode (without turning '+' into a space), parse; keep the text if it is not JSON. */
    private static JsonNode policyDocument(String encoded) {
        try {
            return JSON.readTree(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (JsonProcessingException | IllegalArgumentException notJson) {
            return NODES.textNode(encoded);
        }
    }
}
