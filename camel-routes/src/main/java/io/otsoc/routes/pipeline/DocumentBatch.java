package io.otsoc.routes.pipeline;

import io.otsoc.routes.delivery.EcsDocument;

import java.util.List;

/**
 * A batch after mapping: each record serialised once, shared by every sink.
 *
 * @param sequence the sequence of the {@link RecordBatch} it was mapped from
 */
public record DocumentBatch(long sequence, List<EcsDocument> documents) {

    public int size() {
        return documents.size();
    }
}
