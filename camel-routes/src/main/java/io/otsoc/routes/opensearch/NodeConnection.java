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

    /**
     * Sends one request and returns the response whatever its status.
     *
     * @param what names the request in errors, e.g. "bulk request"
     */
    Response send(String method, String path, Map<String, String> query, Body body, String what) {
        try {
            return generic.execute(Requests.create(method, path, List.of(), query, body));
        } catch (IOException | RuntimeException e) {
            throw unreachable(what, e);
        }
    }

    /** Reads a successful response's JSON body with the client's own deserialiser. */
    <T> T read(Response response, JsonpDeserializer<T> deserializer, String what) {
        Body body = response.getBody().orElseThrow(() ->
                new DeliveryException("OpenSearch at " + url + " sent an empty response to the " + what));
        try {
            return Bodies.json(body, deserializer, transport.jsonpMapper());
        } catch (RuntimeException e) {
            throw new DeliveryException("OpenSearch at " + url + " sent an unreadable response to the " + what
                    + ": " + oneLine(e.getMessage()), e);
        }
    }

    /** "HTTP 400 Bad Request: type: reason" from an error response, falling back to its first bytes. */
    String describeFailure(Response response) {
        String status = "HTTP " + response.getStatus() + (response.getReason() == null ? "" : " " + response.getReason());
        Body body = response.getBody().orElse(null);
        if (body == null) {
            return status;
        }
        byte[] bytes = body.bodyAsBytes();
        try {
            ErrorResponse error = Bodies.json(Body.from(bytes, body.contentType()), ErrorResponse._DESERIALIZER,
                    transport.jsonpMapper());
            return status + ": " + describe(error.error());
        } catch (RuntimeException notAnOpenSearchError) {
            String text = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8);
            return status + (text.isBlank() ? "" : ": " + oneLine(text));
        }
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
