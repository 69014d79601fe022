package io.otsoc.mappings.opensearch;

import io.otsoc.collector.model.DomainRecord;

/**
 * Where each record goes in OpenSearch: events and alerts are appended to data streams; an asset is one
 * document per asset id in a plain index, overwritten as it changes.
 */
public final class IndexRouting {

    private IndexRouting() {
    }

    /** The data stream or index name for the record. */
    public static String indexFor(DomainRecord record) {
        throw new UnsupportedOperationException("routing in progress");
    }

    /** The document id to write, or null to let OpenSearch choose (data streams). */
    public static String documentIdFor(DomainRecord record) {
        throw new UnsupportedOperationException("routing in progress");
    }
}
