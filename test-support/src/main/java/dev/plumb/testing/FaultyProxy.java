package dev.plumb.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy in front of moto that answers some AWS calls the way AWS would and moto
 * cannot: an AssumeRole that the role's trust policy refuses, a throttled call, a slow answer.
 * It also records every call (action and the account whose credentials made it), so tests can
 * count the API calls a scan makes per account. Accounts are known from the AssumeRole answers
 * that pass through: their access key ids map to the role's account.
 */
public final class FaultyProxy implements AutoCloseable {

    private static final Pattern ACCESS_KEY = Pattern.compile("<AccessKeyId>([^<]+)</AccessKeyId>");
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/");
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding");

    /** One call that reached the proxy: the query action and the account of the credentials used, or null. */
    public record Call(String action, String accountId, Map<String, String> parameters) {
    }

    private final String upstream;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> accountByAccessKey = new ConcurrentHashMap<>();
    private final Set<String> refusedAccounts = ConcurrentHashMap.newKeySet();
    private final Map<String, String> throttledActionByAccount = new ConcurrentHashMap<>();
    private final Map<String, Long> delayMillisByAccount = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private FaultyProxy(String upstream) {
        this.upstream = upstream;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "faulty-proxy");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public static FaultyProxy inFrontOf(String upstream) {
        return new FaultyProxy(upstream);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** sts:AssumeRole into this account is refused with AccessDenied, as a trust policy that does not trust the caller. */
    public FaultyProxy refuseAssumeRole(String accountId) {
        refusedAccounts.add(accountId);
        return this;
    }

    /** Every call of this action made with the account's assumed credentials is answered Throttling (HTTP 400). */
    public FaultyProxy throttle(String action, String accountId) {
        throttledActionByAccount.put(accountId, action);
        return this;
    }

    /** Every call made with the account's assumed credentials is answered this much later. */
    public FaultyProxy delay(String accountId, long millis) {
        delayMillisByAccount.put(accountId, millis);
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls of an action made for an account: AssumeRole counts for the account of its role ARN. */
    public long count(String action, String accountId) {
        return calls.stream().filter(c -> c.action().equals(action) && accountId.equals(c.accountId())).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> parameters = formParameters(new String(body, StandardCharsets.UTF_8));
            String action = parameters.getOrDefault("Action",
                    String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")));
            String account = "AssumeRole".equals(action) ? accountOfRole(parameters.get("RoleArn"))
                    : accountOfCaller(exchange.getRequestHeaders().getFirst("Authorization"));
            calls.add(new Call(action, account, parameters));
            if (account != null && delayMillisByAccount.containsKey(account)) {
                Thread.sleep(delayMillisByAccount.get(account));
            }
            if ("AssumeRole".equals(action) && refusedAccounts.contains(account)) {
                reply(exchange, 403, error("AccessDenied", "User: arn:aws:iam::123456789012:user/scanner is not "
                        + "authorized to perform: sts:AssumeRole on resource: " + parameters.get("RoleArn")));
                return;
            }
            if (account != null && action.equals(throttledActionByAccount.get(account))) {
                reply(exchange, 400, error("Throttling", "Rate exceeded"));
                return;
            }
            forward(exchange, body, action, parameters);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forward(HttpExchange exchange, byte[] body, String action, Map<String, String> parameters)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if ("AssumeRole".equals(action) && response.statusCode() == 200) {
            Matcher key = ACCESS_KEY.matcher(new String(response.body(), StandardCharsets.UTF_8));
            String account = accountOfRole(parameters.get("RoleArn"));
            if (key.find() && account != null) {
                accountByAccessKey.put(key.group(1), account);
            }
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    private static void reply(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The error document of the AWS query protocol (STS, IAM). */
    private static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>"
                + code + "</Code><Message>" + message + "</Message></Error><RequestId>fault-injected</RequestId>"
                + "</ErrorResponse>";
    }

    private String accountOfCaller(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher credential = CREDENTIAL.matcher(authorization);
        return credential.find() ? accountByAccessKey.get(credential.group(1)) : null;
    }

    private static String accountOfRole(String roleArn) {
        String[] parts = roleArn == null ? new String[0] : roleArn.split(":");
        return parts.length > 4 ? parts[4] : null;
    }

    private static Map<String, String> formParameters(String body) {
        Map<String, String> parameters = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
