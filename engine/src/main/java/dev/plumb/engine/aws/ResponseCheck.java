package dev.plumb.engine.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumb.api.UnexpectedResponseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkProtocolMetadata;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Never trusts a 200. Before the SDK reads a successful answer (which it turns into empty lists
 * when it does not recognise it), checks that the body is the operation's own result, and throws
 * {@link UnexpectedResponseException} when it is not:
 * <ul>
 * <li>query protocol (IAM, STS, ...): well-formed XML whose root is {@code <OpResponse>}, holding
 *     {@code <OpResult>} when the operation has output members;</li>
 * <li>EC2 protocol: well-formed XML whose root is {@code <OpResponse>};</li>
 * <li>JSON protocol (Organizations, KMS, ...): a JSON object, when the operation has output members.</li>
 * </ul>
 * REST protocols (S3, Lambda, ...) are left to the SDK: their bodies may be any content.
 */
final class ResponseCheck implements ExecutionInterceptor {

    private static final XMLInputFactory XML = xmlFactory();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Class<?>, Boolean> hasOutput = new ConcurrentHashMap<>();

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        SdkHttpResponse http = context.httpResponse();
        SdkProtocolMetadata protocol = attributes.getAttribute(SdkInternalExecutionAttribute.PROTOCOL_METADATA);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (!http.isSuccessful() || protocol == null || operation == null) {
            return body;
        }
        String kind = protocol.serviceProtocol();
        if (!kind.equals("query") && !kind.equals("ec2") && !kind.equals("json")) {
            return body;
        }
        byte[] bytes = read(body);
        boolean output = hasOutput(context.request());
        String problem = kind.equals("json") ? jsonProblem(bytes, output)
                : xmlProblem(bytes, operation, kind.equals("query") && output);
        if (problem != null) {
            String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            throw failure(service == null ? operation : service.toLowerCase(Locale.ROOT) + ":" + operation,
                    http.statusCode(), http.firstMatchingHeader("Content-Type").orElse(null), problem);
        }
        return Optional.of(new ByteArrayInputStream(bytes));
    }

    /** The one-line error for an answer that is not the result of {@code service:Operation}. */
    static UnexpectedResponseException failure(String operation, int status, String contentType, String problem) {
        return new UnexpectedResponseException("the HTTP " + status + " answer"
                + (contentType == null ? "" : " (Content-Type " + contentType + ")") + " is not the result of "
                + operation + ": " + problem + ". Something other than AWS answered (a proxy, a captive portal,"
                + " a wrong --endpoint-url), or the answer was changed on the way");
    }

    /** Why a query or EC2 protocol body is not the operation's result, or null when it is. */
    static String xmlProblem(byte[] body, String operation, boolean resultRequired) {
        if (isBlank(body)) {
            return "it has an empty body";
        }
        String root = null;
        boolean result = false;
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(body));
            int depth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamReader.START_ELEMENT) {
                    depth++;
                    if (depth == 1) {
                        root = reader.getLocalName();
                    } else if (depth == 2 && reader.getLocalName().equals(operation + "Result")) {
                        result = true;
                    }
                } else if (event == XMLStreamReader.END_ELEMENT) {
                    depth--;
                }
            }
            reader.close();
        } catch (XMLStreamException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s+", " ").strip();
            int message = detail.indexOf("Message: ");
            return "it is not well-formed XML (" + (message >= 0 ? detail.substring(message + 9) : detail) + ")";
        }
        if (root == null) {
            return "it holds no XML element";
        }
        if (!root.equals(operation + "Response")) {
            return "its root element is <" + root + ">, expected <" + operation + "Response>";
        }
        if (resultRequired && !result) {
            return "<" + root + "> holds no <" + operation + "Result>";
        }
        return null;
    }

    /** Why a JSON protocol body is not an operation's result, or null when it is. */
    static String jsonProblem(byte[] body, boolean resultRequired) {
        if (isBlank(body)) {
            return resultRequired ? "it has an empty body" : null;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return "it is not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tree != null && tree.isObject() ? null : "it is JSON but not an object";
    }

    /** Whether the operation's response has members; an operation without any may answer an empty result. */
    private boolean hasOutput(SdkRequest request) {
        return hasOutput.computeIfAbsent(request.getClass(), type -> {
            String name = type.getName();
            if (!name.endsWith("Request")) {
                return true;
            }
            try {
                Class<?> response = Class.forName(name.substring(0, name.length() - "Request".length()) + "Response",
                        false, type.getClassLoader());
                java.lang.reflect.Method builderMethod = response.getMethod("builder");
                Object builder = builderMethod.invoke(null);
                Object empty = builderMethod.getReturnType().getMethod("build").invoke(builder);
                return !(empty instanceof SdkPojo pojo) || !pojo.sdkFields().isEmpty();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException unknown) {
                return true;
            }
        });
    }

    private static byte[] read(Optional<InputStream> body) {
        if (body.isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = body.get()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
