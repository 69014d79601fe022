package io.otsoc.routes.opensearch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that answers like an OpenSearch node with scripted replies, to inject the faults a
 * real node will not produce on demand (5xx, 429 back-pressure, refused templates). Templates are accepted
 * unless scripted otherwise; each {@code _bulk} takes the next scripted reply.
 */
final class StubOpenSearchNode implements AutoCloseable {

    record Reply(int status, String json) {
    }

    record Received(String method, String path, String query, String contentType, String authorization, String body) {
    }

    private final HttpServer server;
    private final Deque<Reply> bulkReplies = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Reply templateReply = new Reply(200, "{\"acknowledged\":true}");

    private StubOpenSearchNode(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    static StubOpenSearchNode http() throws IOException {
        return new StubOpenSearchNode(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    static StubOpenSearchNode https(SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new StubOpenSearchNode(server);
    }

    String url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized StubOpenSearchNode thenBulk(int status, String json) {
        bulkReplies.add(new Reply(status, json));
        return this;
    }

    StubOpenSearchNode templatesAnswer(int status, String json) {
        templateReply = new Reply(status, json);
        return this;
    }

    List<Received> received() {
        return received;
    }

    List<Received> bulkRequests() {
        return received.stream().filter(r -> r.path().equals("/_bulk")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        Reply reply;
        if (path.equals("/_bulk")) {
            synchronized (this) {
                reply = bulkReplies.isEmpty() ? new Reply(500, "{\"error\":{\"type\":\"stub\",\"reason\":\"no scripted reply\"},\"status\":500}")
                        : bulkReplies.poll();
            }
        } else if (path.startsWith("/_component_template/") || path.startsWith("/_index_template/")) {
            reply = templateReply;
        } else {
            reply = new Reply(404, "{\"error\":{\"type\":\"stub\",\"reason\":\"not scripted: " + path + "\"},\"status\":404}");
        }
        byte[] bytes = reply.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
