package io.otsoc.routes.pipeline;

import io.otsoc.collector.model.DomainRecord;

import java.util.List;

/**
 * Records handed from the collector's thread to the pipeline in one piece, in the order the collector emitted them.
 *
 * @param sequence 0-based position of the batch in the run
 * @param records  the records, oldest first
 */
public record RecordBatch(long sequence, List<DomainRecord> records) {

    /** Marks the end of the run in the feed; compared by identity. */
    static final RecordBatch END = new RecordBatch(-1, List.of());

    public int size() {
        return records.size();
    }
}
