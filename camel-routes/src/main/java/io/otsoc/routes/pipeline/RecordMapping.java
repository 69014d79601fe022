package io.otsoc.routes.pipeline;

import io.otsoc.collector.model.DomainRecord;
import io.otsoc.routes.delivery.EcsDocument;

import java.util.function.Consumer;

/**
 * Maps each record to its ECS document on the thread that produced it, then puts the document into the feed.
 * Mapping reads every field of a record that was written a moment ago, so it runs while the record is still in the
 * processor's cache: mapped later on the route's thread, thousands of records after it was decoded, the same work
 * cost about three times as much, mostly in cache misses. Each record is serialised once and its bytes are shared
 * by all sinks. A record the mapping refuses is counted and left out; it never stops the run.
 */
final class RecordMapping implements Consumer<DomainRecord> {

    private final DocumentEncoder encoder;
    private final RecordTally tally;
    private final DocumentFeed feed;
    private final Consumer<EcsDocument> lane;

    /** Maps into the feed's lane {@code lane}; the encoder and the tally belong to that lane's thread. */
    RecordMapping(DocumentEncoder encoder, RecordTally tally, DocumentFeed feed, Consumer<EcsDocument> lane) {
        this.encoder = encoder;
        this.tally = tally;
        this.feed = feed;
        this.lane = lane;
    }

    @Override
    public void accept(DomainRecord record) {
        if (feed.failed()) {
            return; // nothing of a failed run is kept: no need to map it
        }
        tally.count(record);
        EcsDocument document;
        try {
            document = encoder.encode(record);
        } catch (RuntimeException e) {
            tally.unmapped(record, e);
            return;
        }
        lane.accept(document);
    }
}
