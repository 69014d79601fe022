package io.otsoc.routes.opensearch;

import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real embedded OpenSearch node for every test class of the run that asks for it with
 * {@code @ExtendWith(SharedOpenSearchNode.class)}: started by the first such class, stopped when the whole run ends
 * (the root context's store closes it), so the slow start (15-40 s on a loaded machine) is paid once. Each class
 * gets the node with its {@code otsoc-*} data streams and indices removed, so classes do not see each other's
 * documents; the templates stay, as every sink installs them again anyway.
 *
 * <p>Test classes receive the {@link Node} as a parameter of their {@code @BeforeAll} (or test) methods.
 */
public final class SharedOpenSearchNode implements BeforeAllCallback, ParameterResolver {

    /** The started node, with an opensearch-java client on it for checking what the code under test did. */
    public static final class Node implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        private final EmbeddedOpenSearch node;
        private final ApacheHttpClient5Transport transport;
        private final OpenSearchClient client;
        private final Path dataDir;

        private Node(EmbeddedOpenSearch node, Path dataDir) {
            this.node = node;
            this.dataDir = dataDir;
            URI uri = URI.create(node.url());
            this.transport = ApacheHttpClient5TransportBuilder
                    .builder(new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort())).build();
            this.client = new OpenSearchClient(transport);
        }

        public String url() {
            return node.url();
        }

        public EmbeddedOpenSearch embedded() {
            return node;
        }

        public OpenSearchClient client() {
            return client;
        }

        /** Removes every otsoc data stream and index. */
        void clear() {
            try {
                try {
                    client.indices().deleteDataStream(d -> d.name("otsoc-*"));
                } catch (OpenSearchException e) {
                    if (e.status() != 404) { // none yet
                        throw e;
                    }
                }
                client.indices().delete(d -> d.index("otsoc-*").allowNoIndices(true).ignoreUnavailable(true));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clear the shared OpenSearch node at " + url(), e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                transport.close();
            } finally {
                node.close();
                deleteTree(dataDir);
            }
        }
    }

    private static final String KEY = Node.class.getName();

    @Override
    public void beforeAll(ExtensionContext context) {
        node(context).clear();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Node.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return node(context);
    }

    private static Node node(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, key -> start(), Node.class);
    }

    private static Node start() {
        // Under the module's target directory: mvn clean removes anything a killed run leaves behind.
        Path dataDir = Path.of("target", "shared-opensearch-node").toAbsolutePath();
        deleteTree(dataDir);
        long startNanos = System.nanoTime();
        EmbeddedOpenSearch node = EmbeddedOpenSearch.start(dataDir);
        System.out.printf("shared embedded OpenSearch ready at %s after %.1f s%n", node.url(),
                (System.nanoTime() - startNanos) / 1e9);
        return new Node(node, dataDir);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
