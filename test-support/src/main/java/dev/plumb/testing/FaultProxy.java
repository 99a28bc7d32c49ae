package dev.plumb.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy on loopback between the AWS SDK and moto. It records every call that passes, as
 * {@code service:Action} ({@code iam:ListEntitiesForPolicy}) with the account whose credentials made
 * it, and injects faults into chosen calls: AWS-shaped error responses (a refused AssumeRole,
 * throttling), 5xx, dropped connections, late or missing answers, broken bodies. Accounts are known
 * from the sts:AssumeRole answers that pass through: their access key ids map to the role's account.
 */
public final class FaultProxy implements AutoCloseable {

    /** As {@code times}: the fault applies to every matching call. */
    public static final int ALWAYS = Integer.MAX_VALUE;

    private static final String ASSUME_ROLE = "sts:AssumeRole";
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/[^/]+/[^/]+/([^/]+)/");
    private static final Pattern ACCESS_KEY = Pattern.compile("<AccessKeyId>([^<]+)</AccessKeyId>");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "expect", "upgrade", "keep-alive", "te", "trailer", "proxy-authorization", "proxy-authenticate");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final String upstream;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Injection> injections = new CopyOnWriteArrayList<>();
    private final Map<String, String> accountByAccessKey = new ConcurrentHashMap<>();

    /**
     * One call that reached the proxy: the operation ({@code service:Action}), the account of the
     * credentials used (for sts:AssumeRole the account of the role; null where not known) and the
     * query-protocol parameters.
     */
    public record Call(String operation, String accountId, Map<String, String> parameters) {
    }

    /** What to do instead of forwarding a call. */
    public interface Fault {
        void apply(Call call, HttpExchange exchange, Forwarded real) throws IOException;
    }

    /** The upstream answer, fetched only when a fault needs it. */
    public interface Forwarded {
        HttpResponse<byte[]> fetch() throws IOException;
    }

    private record Injection(Predicate<Call> when, Fault fault, AtomicInteger remaining) {

        boolean takes(Call call) {
            return when.test(call) && remaining.getAndUpdate(n -> Math.max(n - 1, 0)) > 0;
        }
    }

    public FaultProxy(String upstreamEndpoint) {
        this.upstream = upstreamEndpoint;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Applies the fault to the next {@code times} calls of the operation ({@code iam:ListEntitiesForPolicy}). */
    public FaultProxy inject(String operation, int times, Fault fault) {
        return inject(call -> call.operation().equalsIgnoreCase(operation), times, fault);
    }

    /** Applies the fault to the next {@code times} calls of the operation made for the account. */
    public FaultProxy injectFor(String accountId, String operation, int times, Fault fault) {
        return inject(call -> accountId.equals(call.accountId()) && call.operation().equalsIgnoreCase(operation),
                times, fault);
    }

    /** Applies the fault to the next {@code times} calls that match; the first matching injection wins. */
    public FaultProxy inject(Predicate<Call> when, int times, Fault fault) {
        injections.add(new Injection(when, fault, new AtomicInteger(times)));
        return this;
    }

    /** Every call seen, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Every operation seen, as {@code service:Action}, in order. */
    public List<String> operations() {
        return calls.stream().map(Call::operation).toList();
    }

    /** Operations that were seen, without repeats, sorted. */
    public List<String> distinctOperations() {
        return calls.stream().map(Call::operation).distinct().sorted().toList();
    }

    /** Calls of the operation made for the account. */
    public long count(String operation, String accountId) {
        return calls.stream()
                .filter(call -> call.operation().equalsIgnoreCase(operation) && accountId.equals(call.accountId()))
                .count();
    }

    // ---- faults

    /** An AWS query-protocol error, the way IAM and STS write them. */
    public static Fault awsError(int status, String code, String message) {
        return (call, exchange, real) -> respond(exchange, status, "text/xml", errorDocument(code, message));
    }

    public static Fault throttling() {
        return awsError(400, "Throttling", "Rate exceeded");
    }

    /** AccessDenied, as for a caller that may not make the call (a role whose trust policy refuses the caller). */
    public static Fault accessDenied() {
        return (call, exchange, real) -> {
            String resource = call.parameters().get("RoleArn");
            String message = "User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: "
                    + call.operation() + (resource == null ? "" : " on resource: " + resource);
            respond(exchange, 403, "text/xml", errorDocument("AccessDenied", message));
        };
    }

    /**
     * An AWS error that echoes the request, as a signature mismatch does: its parameters (the
     * external id of an AssumeRole), the Authorization header (the access key id) and the session token.
     */
    public static Fault echoingRequest() {
        return (call, exchange, real) -> {
            StringBuilder form = new StringBuilder();
            new java.util.TreeMap<>(call.parameters()).forEach((name, value) -> form.append(form.length() == 0 ? "" : "&")
                    .append(name).append('=').append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)));
            String message = "The request signature we calculated does not match the signature you provided;"
                    + " the table of what was signed: " + form + " Authorization: "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " X-Amz-Security-Token: "
                    + exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
            respond(exchange, 403, "text/xml", errorDocument("SignatureDoesNotMatch", message.replace("&", "&amp;")
                    .replace("<", "&lt;")));
        };
    }

    public static Fault status(int status) {
        return (call, exchange, real) -> respond(exchange, status, "text/html",
                ("<html><body>" + status + " from the fault proxy</body></html>").getBytes(StandardCharsets.UTF_8));
    }

    /** Closes the connection without any response. */
    public static Fault dropConnection() {
        return (call, exchange, real) -> exchange.close();
    }

    /** Answers nothing, then closes the connection after the delay (the client should have given up by then). */
    public static Fault noAnswerFor(Duration delay) {
        return (call, exchange, real) -> {
            sleep(delay);
            exchange.close();
        };
    }

    /** The real answer, after the delay. */
    public static Fault answerAfter(Duration delay) {
        return (call, exchange, real) -> {
            sleep(delay);
            relay(exchange, real.fetch());
        };
    }

    /** The real answer, cut in half. */
    public static Fault truncatedBody() {
        return (call, exchange, real) -> {
            byte[] body = real.fetch().body();
            respond(exchange, 200, "text/xml", Arrays.copyOf(body, body.length / 2));
        };
    }

    public static Fault malformedBody() {
        return (call, exchange, real) -> respond(exchange, 200, "text/xml",
                "<ListEntitiesForPolicyResponse><ListEntitiesForPolicyResult><PolicyRoles><member>"
                        .concat("<RoleName>x</RoleName><<<not xml").getBytes(StandardCharsets.UTF_8));
    }

    /** HTTP 200 with this body and content type, whatever was asked: a proxy, a captive portal, a wrong endpoint. */
    public static Fault ok(String contentType, String body) {
        return (call, exchange, real) -> respond(exchange, 200, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** HTTP 200 with no body at all. */
    public static Fault emptyOk() {
        return ok("text/xml", "");
    }

    /** HTTP 200 with an HTML page, as a proxy or captive portal sends it. */
    public static Fault htmlPage() {
        return ok("text/html; charset=utf-8", "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Sign in</title></head>"
                + "<body><p>Accept the terms of use to continue.</p></body></html>");
    }

    /** HTTP 200 with well-formed XML of a shape no AWS operation answers. */
    public static Fault unexpectedXml() {
        return ok("text/xml", "<Unexpected><Shape/></Unexpected>");
    }

    /** HTTP 200 with the well-formed, complete answer of another operation (iam:ListRoles). */
    public static Fault otherOperationsAnswer() {
        return ok("text/xml", "<ListRolesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<ListRolesResult><IsTruncated>false</IsTruncated><Roles/></ListRolesResult>"
                + "<ResponseMetadata><RequestId>4a2f1b5e-0000-4000-8000-000000000001</RequestId></ResponseMetadata>"
                + "</ListRolesResponse>");
    }

    /** HTTP 200 with the operation's own root element and nothing in it ({@code <ListEntitiesForPolicyResponse/>}). */
    public static Fault emptyResponseElement() {
        return (call, exchange, real) -> {
            String action = call.operation().substring(call.operation().indexOf(':') + 1);
            respond(exchange, 200, "text/xml", ("<" + action + "Response xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"/>")
                    .getBytes(StandardCharsets.UTF_8));
        };
    }

    private static byte[] errorDocument(String code, String message) {
        return ("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                + "<RequestId>4a2f1b5e-0000-4000-8000-000000000000</RequestId></ErrorResponse>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- proxying

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Call call = callOf(exchange, body);
            calls.add(call);
            Forwarded forward = () -> learnAccount(call, forward(exchange, body));
            for (Injection injection : injections) {
                if (injection.takes(call)) {
                    injection.fault().apply(call, exchange, forward);
                    return;
                }
            }
            relay(exchange, forward.fetch());
        } catch (IOException | RuntimeException e) {
            // the client went away or a fault closed the exchange
        }
    }

    private static void relay(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        send(exchange, response.statusCode(), response.body());
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(60));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                for (String value : header.getValue()) {
                    try {
                        request.header(header.getKey(), value);
                    } catch (IllegalArgumentException restricted) {
                        // a header the JDK client sets itself
                    }
                }
            }
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Remembers the account of the credentials an AssumeRole answer hands out. */
    private HttpResponse<byte[]> learnAccount(Call call, HttpResponse<byte[]> response) {
        if (call.operation().equals(ASSUME_ROLE) && response.statusCode() == 200 && call.accountId() != null) {
            Matcher key = ACCESS_KEY.matcher(new String(response.body(), StandardCharsets.UTF_8));
            if (key.find()) {
                accountByAccessKey.put(key.group(1), call.accountId());
            }
        }
        return response;
    }

    private Call callOf(HttpExchange exchange, byte[] body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher credential = CREDENTIAL.matcher(authorization == null ? "" : authorization);
        boolean signed = credential.find();
        String service = signed ? credential.group(2) : "unknown";
        Map<String, String> parameters = new HashMap<>(formParameters(exchange.getRequestURI().getRawQuery()));
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            parameters.putAll(formParameters(new String(body, StandardCharsets.UTF_8)));
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        String action = target != null ? target.substring(target.lastIndexOf('.') + 1)
                : parameters.getOrDefault("Action", request);
        String operation = service + ":" + action;
        String account = operation.equals(ASSUME_ROLE) ? accountOfRole(parameters.get("RoleArn"))
                : signed ? accountByAccessKey.get(credential.group(1)) : null;
        return new Call(operation, account, Map.copyOf(parameters));
    }

    private static String accountOfRole(String roleArn) {
        String[] parts = roleArn == null ? new String[0] : roleArn.split(":");
        return parts.length > 4 ? parts[4] : null;
    }

    private static Map<String, String> formParameters(String form) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : form == null ? new String[0] : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
