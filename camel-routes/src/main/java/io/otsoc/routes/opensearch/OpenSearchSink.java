package io.otsoc.routes.opensearch;

import io.otsoc.routes.delivery.DeliveryResult;
import io.otsoc.routes.delivery.DocumentSink;
import io.otsoc.routes.delivery.EcsDocument;

import java.util.List;

/**
 * Delivers ECS documents to OpenSearch with the opensearch-java client's bulk API, after installing otsoc's
 * templates. Credentials come from the environment or files, never from the command line or logs.
 */
public final class OpenSearchSink implements DocumentSink {

    private final String url;

    /** Connects to the node at {@code url} (http or https; certificates verified by default). */
    public OpenSearchSink(String url) {
        this.url = url;
    }

    @Override
    public String name() {
        return url;
    }

    @Override
    public DeliveryResult deliver(List<EcsDocument> batch) {
        throw new UnsupportedOperationException("OpenSearch delivery in progress");
    }

    @Override
    public void close() {
    }
}
