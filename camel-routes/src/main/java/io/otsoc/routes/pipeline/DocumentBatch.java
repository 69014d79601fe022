package io.otsoc.routes.pipeline;

import io.otsoc.routes.delivery.EcsDocument;

import java.util.List;

/**
 * Documents handed from the collector's thread to the pipeline in one piece, in the order the collector emitted
 * their records; each record serialised once, and the bytes shared by every sink.
 *
 * @param sequence  0-based position of the batch in the run
 * @param documents the documents, oldest first
 */
public record DocumentBatch(long sequence, List<EcsDocument> documents) {

    /** Marks the end of the run in the feed; compared by identity. */
    static final DocumentBatch END = new DocumentBatch(-1, List.of());

    public int size() {
        return documents.size();
    }
}
