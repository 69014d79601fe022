package io.otsoc.routes.bench;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.PcapFileSource;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.model.OtEvent;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * (b) The collector alone: capture, dissection, flows, TCP reassembly and the protocol decoders, into a sink that
 * only counts the records.
 */
final class DecodePath implements MeasuredPath {

    /** The row the table's ratios are taken against. */
    static final String LABEL = "(b) collector: decode";

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public boolean onCallingThread() {
        return true;
    }

    @Override
    public PathRun run(Path corpus) {
        RecordCount count = new RecordCount();
        CollectorStats stats = decode(corpus, count);
        return new PathRun(stats.frames(), stats.bytes(), count.events, count.records, -1);
    }

    /** Runs the collector over the corpus into {@code sink} on the calling thread. */
    static CollectorStats decode(Path corpus, Consumer<DomainRecord> sink) {
        Collector collector = new Collector(CollectorConfig.defaults());
        try (PcapFileSource source = new PcapFileSource(corpus)) {
            return collector.run(source, sink);
        }
    }

    /** Counts records, and events among them. */
    static final class RecordCount implements Consumer<DomainRecord> {
        long records;
        long events;

        @Override
        public void accept(DomainRecord record) {
            records++;
            if (record instanceof OtEvent) {
                events++;
            }
        }
    }
}
