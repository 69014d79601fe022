package io.otsoc.routes.delivery;

import java.util.List;

/** A destination for ECS documents: a file, OpenSearch, later Splunk HEC. */
public interface DocumentSink extends AutoCloseable {

    /** A short name for summaries and errors, e.g. the file path or the node URL. */
    String name();

    /**
     * Delivers a batch. Documents the destination rejected one by one are reported in the result, never
     * dropped silently.
     *
     * @throws DeliveryException when the destination cannot take the batch at all (unreachable, refused)
     */
    DeliveryResult deliver(List<EcsDocument> batch);

    @Override
    void close();
}
