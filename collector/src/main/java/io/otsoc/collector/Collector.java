package io.otsoc.collector;

import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.DomainRecord;

import java.util.function.Consumer;

/**
 * The collector's one entry point: frames from a source go through dissection, the flow table, TCP reassembly
 * and the protocol decoders; events, asset states and alerts go to the sink, on the calling thread.
 */
public final class Collector {

    private final CollectorConfig config;

    public Collector(CollectorConfig config) {
        this.config = config;
    }

    /** Runs the source to its end (or until it is stopped), then flushes pending flows and assets. */
    public CollectorStats run(PacketSource source, Consumer<DomainRecord> sink) {
        throw new UnsupportedOperationException("pipeline wiring in progress");
    }
}
