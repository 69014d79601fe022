package io.otsoc.routes.pipeline;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.FrameHandler;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.capture.SourceReport;
import io.otsoc.collector.model.DomainRecord;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The production record source: the collector decoding a packet source. */
public final class CollectorSource implements RecordSource {

    private final PacketSource packets;
    private final CollectorConfig config;
    private final AtomicLong frames = new AtomicLong();

    public CollectorSource(PacketSource packets, CollectorConfig config) {
        this.packets = packets;
        this.config = config;
    }

    @Override
    public String name() {
        return packets.name();
    }

    @Override
    public CollectorFigures run(Consumer<DomainRecord> sink) {
        CollectorStats stats = new Collector(config).run(new CountingSource(packets, frames), sink);
        return CollectorFigures.of(packets, stats, packets.report());
    }

    @Override
    public long framesSoFar() {
        return frames.get();
    }

    @Override
    public void stop() {
        packets.stop();
    }

    @Override
    public void close() {
        packets.close();
    }

    /**
     * Counts frames on their way to the collector so progress can be shown from another thread without asking the
     * source for a report mid-run. An opaque store costs a plain write per frame and is never optimised away.
     */
    private static final class CountingSource implements PacketSource {

        private final PacketSource packets;
        private final AtomicLong frames;

        CountingSource(PacketSource packets, AtomicLong frames) {
            this.packets = packets;
            this.frames = frames;
        }

        @Override
        public String name() {
            return packets.name();
        }

        @Override
        public void run(FrameHandler handler) {
            AtomicLong counter = frames;
            packets.run(frame -> {
                counter.setOpaque(counter.getPlain() + 1);
                handler.onFrame(frame);
            });
        }

        @Override
        public void stop() {
            packets.stop();
        }

        @Override
        public SourceReport report() {
            return packets.report();
        }

        @Override
        public void close() {
            packets.close();
        }
    }
}
