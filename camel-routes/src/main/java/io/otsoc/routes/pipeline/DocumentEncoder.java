package io.otsoc.routes.pipeline;

import io.otsoc.collector.model.DomainRecord;
import io.otsoc.routes.delivery.EcsDocument;

/**
 * Turns one domain record into its ECS document, serialised once. Each instance is used by one thread at a time,
 * so an implementation may reuse its buffers; a source that emits on several threads maps through {@link #twin()}s.
 */
public interface DocumentEncoder {

    /**
     * @throws RuntimeException when the record cannot be mapped; the pipeline counts it and goes on
     */
    EcsDocument encode(DomainRecord record);

    /**
     * Another encoder that gives the same document for every record and may run on another thread while this one
     * runs, or null when this encoder must map alone (e.g. it keeps state from record to record); a source with
     * several lanes then runs on one.
     */
    default DocumentEncoder twin() {
        return null;
    }
}
