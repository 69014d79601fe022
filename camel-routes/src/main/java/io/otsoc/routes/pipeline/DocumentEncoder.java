package io.otsoc.routes.pipeline;

import io.otsoc.collector.model.DomainRecord;
import io.otsoc.routes.delivery.EcsDocument;

/**
 * Turns one domain record into its ECS document, serialised once. Called from a single thread (the pipeline's),
 * so an implementation may reuse its buffers.
 */
public interface DocumentEncoder {

    /**
     * @throws RuntimeException when the record cannot be mapped; the pipeline counts it and goes on
     */
    EcsDocument encode(DomainRecord record);
}
