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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy on loopback between the AWS SDK and moto. It records every AWS operation that
 * passes ({@code iam:ListEntitiesForPolicy}) and injects faults into chosen calls: AWS-shaped
 * error responses, 5xx, dropped connections, responses that never come, broken bodies.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Pattern SERVICE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/");
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
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final List<Injection> injections = new CopyOnWriteArrayList<>();

    /** What to do instead of forwarding a call. */
    public interface Fault {
        void apply(HttpExchange exchange, Forwarded real) throws IOException;
    }

    /** The upstream answer, fetched only when a fault needs it. */
    public interface Forwarded {
        HttpResponse<byte[]> fetch() throws IOException;
    }

    private record Injection(Predicate<String> operation, Fault fault, AtomicInteger remaining) {
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

    /** Every operation seen, as {@code service:Action}, in order. */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    /** Applies the fault to the next {@code times} calls of the operation ({@code iam:ListEntitiesForPolicy}). */
    public FaultProxy inject(String operation, int times, Fault fault) {
        injections.add(new Injection(operation::equalsIgnoreCase, fault, new AtomicInteger(times)));
        return this;
    }

    // ---- faults

    /** An AWS query-protocol error, the way IAM and STS write them. */
    public static Fault awsError(int status, String code, String message) {
        String body = "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                + "<RequestId>4a2f1b5e-0000-4000-8000-000000000000</RequestId></ErrorResponse>";
        return (exchange, real) -> respond(exchange, status, "text/xml", body.getBytes(StandardCharsets.UTF_8));
    }

    public static Fault throttling() {
        return awsError(400, "Throttling", "Rate exceeded");
    }

    public static Fault status(int status) {
        return (exchange, real) -> respond(exchange, status, "text/html",
                ("<html><body>" + status + " from the fault proxy</body></html>").getBytes(StandardCharsets.UTF_8));
    }

    /** Closes the connection without any response. */
    public static Fault dropConnection() {
        return (exchange, real) -> exchange.close();
    }

    /** Answers only after the delay (the client should have given up by then). */
    public static Fault delay(Duration delay) {
        return (exchange, real) -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        };
    }

    /** The real answer, cut in half. */
    public static Fault truncatedBody() {
        return (exchange, real) -> {
            byte[] body = real.fetch().body();
            byte[] half = java.util.Arrays.copyOf(body, body.length / 2);
            respond(exchange, 200, "text/xml", half);
        };
    }

    public static Fault malformedBody() {
        return (exchange, real) -> respond(exchange, 200, "text/xml",
                "<ListEntitiesForPolicyResponse><ListEntitiesForPolicyResult><PolicyRoles><member>"
                        .concat("<RoleName>x</RoleName><<<not xml").getBytes(StandardCharsets.UTF_8));
    }

    // ---- proxying

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String operation = operationOf(exchange, body);
            operations.add(operation);
            Forwarded forward = () -> forward(exchange, body);
            for (Injection injection : injections) {
                if (injection.operation().test(operation) && injection.remaining().getAndDecrement() > 0) {
                    injection.fault().apply(exchange, forward);
                    return;
                }
            }
            HttpResponse<byte[]> response = forward.fetch();
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or a fault closed the exchange
        }
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

    static String operationOf(HttpExchange exchange, byte[] body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String service = "unknown";
        if (authorization != null) {
            Matcher matcher = SERVICE.matcher(authorization);
            if (matcher.find()) {
                service = matcher.group(1);
            }
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            return service + ":" + target.substring(target.lastIndexOf('.') + 1);
        }
        String form = new String(body, StandardCharsets.UTF_8);
        String query = exchange.getRequestURI().getRawQuery();
        for (String source : new String[] {form, query == null ? "" : query}) {
            for (String pair : source.split("&")) {
                if (pair.startsWith("Action=")) {
                    return service + ":" + URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
                }
            }
        }
        return service + ":" + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
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

    /** Operations that were seen, without repeats, sorted. */
    public List<String> distinctOperations() {
        return new ArrayList<>(new java.util.TreeSet<>(operations));
    }
}
