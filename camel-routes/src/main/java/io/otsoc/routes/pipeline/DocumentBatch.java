package io.otsoc.routes.pipeline;

import io.otsoc.routes.delivery.EcsDocument;

import java.util.List;

/**
 * Documents handed from the collector's thread to the pipeline in one piece, in the order the collector emitted
 * their records; each record serialised once, and the bytes shared by every sink.
 *
 * @param documents the documents, oldest first
 */
public record DocumentBatch(List<EcsDocument> documents) {

    /** Marks the end of the run in the feed; compared by identity. */
    static final DocumentBatch END = new DocumentBatch(List.of());

    public int size() {
        return documents.size();
    }
}
