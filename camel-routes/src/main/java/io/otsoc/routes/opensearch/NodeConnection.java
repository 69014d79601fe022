package io.otsoc.routes.opensearch;

import io.otsoc.routes.delivery.DeliveryException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.JsonpDeserializer;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.ErrorResponse;
import org.opensearch.client.opensearch.generic.Bodies;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.opensearch.client.transport.httpclient5.ResponseException;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * One OpenSearch endpoint reached through opensearch-java's {@link ApacheHttpClient5Transport}: the generic
 * client for requests whose bodies we already hold as bytes (templates, bulk NDJSON), the typed client for
 * the rest. Transport failures become a one-line {@link DeliveryException} naming the URL.
 */
final class NodeConnection implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 8;

    private final String url;
    private final ApacheHttpClient5Transport transport;
    private final OpenSearchGenericClient generic;
    private final OpenSearchClient client;

    private NodeConnection(String url, ApacheHttpClient5Transport transport) {
        this.url = url;
        this.transport = transport;
        this.generic = new OpenSearchGenericClient(transport);
        this.client = new OpenSearchClient(transport);
    }

    static NodeConnection open(OpenSearchSinkOptions options) {
        URI uri = parse(options.url());
        String display = display(uri);
        HttpHost host = new HttpHost(uri.getScheme(), uri.getHost(), port(uri));
        SSLContext tls = tlsContext(options, display);
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofSeconds(5))
                .setSocketTimeout(Timeout.of(options.requestTimeout()))
                .build();
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(host)
                .setHttpClientConfigCallback(http -> http.setConnectionManager(
                        PoolingAsyncClientConnectionManagerBuilder.create()
                                .setMaxConnPerRoute(MAX_CONNECTIONS)
                                .setMaxConnTotal(MAX_CONNECTIONS)
                                .setDefaultConnectionConfig(connection)
                                // Certificates and host names are verified; only the trusted CAs can change.
                                .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(tls).buildAsync())
                                .build()));
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            builder.setPathPrefix(path);
        }
        options.credentials().authorization().ifPresent(value ->
                builder.setDefaultHeaders(new Header[]{new BasicHeader("Authorization", value)}));
        return new NodeConnection(display, builder.build());
    }

    String url() {
        return url;
    }

    OpenSearchClient client() {
        return client;
    }

    /** A node's answer, whatever its status; the body is already read. */
    record Answer(int status, String reason, byte[] body, String contentType) {

        boolean ok() {
            return status / 100 == 2;
        }
    }

    /**
     * Sends one request and returns the node's answer whatever its status: the transport reports some
     * statuses (5xx, 429, 401) as exceptions, which are turned back into answers here.
     *
     * @param what names the request in errors, e.g. "bulk request"
     * @throws DeliveryException naming the URL when no answer came (refused connection, timeout, TLS failure)
     */
    Answer send(String method, String path, Map<String, String> query, Body body, String what) {
        try (Response response = generic.execute(Requests.create(method, path, List.of(), query, body))) {
            Body content = response.getBody().orElse(null);
            return new Answer(response.getStatus(), response.getReason(),
                    content == null ? new byte[0] : content.bodyAsBytes(), content == null ? null : content.contentType());
        } catch (IOException | RuntimeException e) {
            ResponseException failed = responseException(e);
            if (failed != null) {
                return answer(failed);
            }
            throw unreachable(what, e);
        }
    }

    /** Reads a successful answer's JSON body with the client's own deserialiser. */
    <T> T read(Answer answer, JsonpDeserializer<T> deserializer, String what) {
        if (answer.body().length == 0) {
            throw new DeliveryException("OpenSearch at " + url + " sent an empty response to the " + what);
        }
        try {
            return Bodies.json(Body.from(answer.body(), answer.contentType()), deserializer, transport.jsonpMapper());
        } catch (RuntimeException e) {
            throw new DeliveryException("OpenSearch at " + url + " sent an unreadable response to the " + what
                    + ": " + oneLine(e.getMessage()), e);
        }
    }

    /** The error for an answer that is not a success, on one line, naming the URL. */
    DeliveryException refused(String what, Answer answer) {
        String status = "HTTP " + answer.status() + (answer.reason() == null || answer.reason().isBlank() ? "" : " " + answer.reason());
        if (answer.status() == 401 || answer.status() == 403) {
            status += " (check " + OpenSearchCredentials.USER + "/" + OpenSearchCredentials.PASSWORD + " or "
                    + OpenSearchCredentials.API_KEY + ")";
        }
        return new DeliveryException("OpenSearch at " + url + " refused the " + what + ": " + status + detail(answer));
    }

    private String detail(Answer answer) {
        if (answer.body().length == 0) {
            return "";
        }
        try {
            ErrorResponse error = Bodies.json(Body.from(answer.body(), answer.contentType()), ErrorResponse._DESERIALIZER,
                    transport.jsonpMapper());
            return ": " + describe(error.error());
        } catch (RuntimeException notAnOpenSearchError) {
            String text = new String(answer.body(), 0, Math.min(answer.body().length, 200), StandardCharsets.UTF_8);
            return text.isBlank() ? "" : ": " + oneLine(text);
        }
    }

    private static ResponseException responseException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ResponseException response) {
                return response;
            }
        }
        return null;
    }

    /**
     * The answer inside a {@link ResponseException}. Its response type is not public, so the body is taken from
     * the message, which the transport builds as the request line, optional warnings, then the body.
     */
    private static Answer answer(ResponseException failed) {
        String message = failed.getMessage() == null ? "" : failed.getMessage();
        String[] parts = message.split("\n", 3);
        int bodyPart = parts.length > 1 && parts[1].startsWith("Warnings: ") ? 2 : 1;
        String body = parts.length > bodyPart ? String.join("\n", java.util.Arrays.copyOfRange(parts, bodyPart, parts.length)) : "";
        return new Answer(failed.status(), null, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    DeliveryException unreachable(String what, Throwable e) {
        return new DeliveryException("OpenSearch at " + url + " is unreachable (" + what + "): " + rootMessage(e), e);
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            // Nothing left to release that the caller could act on.
        }
    }

    /** "type: reason (caused by: reason)" for one error, on one line. */
    static String describe(ErrorCause cause) {
        StringBuilder text = new StringBuilder(cause.type());
        if (cause.reason() != null) {
            text.append(": ").append(cause.reason());
        }
        ErrorCause inner = cause.causedBy();
        if (inner != null && inner.reason() != null && (cause.reason() == null || !cause.reason().contains(inner.reason()))) {
            text.append(" (caused by: ").append(inner.reason()).append(')');
        }
        return oneLine(text.toString());
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return oneLine(root.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new DeliveryException("not a valid OpenSearch URL: " + url + " (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new DeliveryException("OpenSearch URL must start with http:// or https://: " + display(uri));
        }
        if (uri.getHost() == null) {
            throw new DeliveryException("OpenSearch URL has no host: " + display(uri));
        }
        if (uri.getRawUserInfo() != null) {
            throw new DeliveryException("OpenSearch URL must not carry credentials (" + display(uri) + "); set "
                    + OpenSearchCredentials.USER + "/" + OpenSearchCredentials.PASSWORD + " or "
                    + OpenSearchCredentials.API_KEY + " instead");
        }
        return uri;
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** The URL as shown in messages: never with user info, query or fragment. */
    private static String display(URI uri) {
        StringBuilder s = new StringBuilder();
        if (uri.getScheme() != null) {
            s.append(uri.getScheme()).append("://");
        }
        s.append(uri.getHost() == null ? "?" : uri.getHost());
        if (uri.getPort() > 0) {
            s.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            s.append(uri.getRawPath());
        }
        return s.toString();
    }

    private static SSLContext tlsContext(OpenSearchSinkOptions options, String display) {
        if (options.trustedCaFile() != null) {
            try {
                return TrustedCertificates.sslContextTrusting(options.trustedCaFile());
            } catch (IllegalArgumentException e) {
                throw new DeliveryException("OpenSearch at " + display + ": " + e.getMessage(), e);
            }
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new DeliveryException("OpenSearch at " + display + ": no default TLS context: " + e.getMessage(), e);
        }
    }
}
