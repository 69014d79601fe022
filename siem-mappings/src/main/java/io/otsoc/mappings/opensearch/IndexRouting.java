package io.otsoc.mappings.opensearch;

import io.otsoc.collector.model.Alert;
import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.model.Incident;
import io.otsoc.collector.model.OtEvent;

/**
 * Where each record goes in OpenSearch: events and alerts are appended to data streams; an asset is one
 * document per asset id in a plain index, overwritten as it changes.
 * Names follow the data stream scheme {@code <type>-<dataset>-<namespace>}; incidents share the alerts stream
 * and are told apart by {@code event.dataset: otsoc.incident}.
 */
public final class IndexRouting {

    public static final String EVENTS = "otsoc-events-default";
    public static final String ALERTS = "otsoc-alerts-default";
    public static final String ASSETS = "otsoc-assets";

    private IndexRouting() {
    }

    /** The data stream or index name for the record. */
    public static String indexFor(DomainRecord record) {
        if (record instanceof OtEvent) {
            return EVENTS;
        }
        if (record instanceof Alert || record instanceof Incident) {
            return ALERTS;
        }
        if (record instanceof Asset) {
            return ASSETS;
        }
        throw new IllegalArgumentException("no index for " + record.getClass().getName());
    }

    /** The document id to write, or null to let OpenSearch choose (data streams). */
    public static String documentIdFor(DomainRecord record) {
        return record instanceof Asset asset ? asset.id() : null;
    }

    /** Whether the target is a data stream (append-only: bulk {@code create}, never {@code index} by id). */
    public static boolean isDataStream(DomainRecord record) {
        return !(record instanceof Asset);
    }
}
