package io.otsoc.routes.opensearch;

import java.nio.file.Path;

/**
 * A real single-node OpenSearch in a child JVM with its own classpath (see the embedded-opensearch module),
 * for the demo and the integration tests.
 */
public final class EmbeddedOpenSearch implements AutoCloseable {

    private EmbeddedOpenSearch() {
    }

    /** Starts a node whose data lives under {@code dataDir} and waits until it answers. */
    public static EmbeddedOpenSearch start(Path dataDir) {
        throw new UnsupportedOperationException("embedded node in progress");
    }

    /** The node's HTTP base URL, e.g. {@code http://127.0.0.1:9251}. */
    public String url() {
        throw new UnsupportedOperationException("embedded node in progress");
    }

    /** Stops the node; its data stays under the data directory. */
    @Override
    public void close() {
    }
}
