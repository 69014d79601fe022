package io.otsoc.routes.pipeline;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.ShardedCollector;
import io.otsoc.collector.capture.FrameHandler;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.capture.SourceReport;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.protocol.DecoderRegistry;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The production record source: the collector decoding a packet source, on the calling thread, or with
 * {@code workers} above 1 as a {@link ShardedCollector}: the calling thread reads and dissects, and each worker
 * thread follows its share of the flows and emits their records to its own lane.
 */
public final class CollectorSource implements RecordSource {

    private final PacketSource packets;
    private final CollectorConfig config;
    private final int workers;
    private final AtomicLong frames = new AtomicLong();

    /**
     * Workers for this machine: 1 up to two cores, where one thread decoding and mapping and one writing keep both
     * busy (a sharded run measured no faster there); beyond, every core but the reader's and the writer's.
     */
    public static int defaultWorkers() {
        int cores = Runtime.getRuntime().availableProcessors();
        return cores <= 2 ? 1 : Math.min(cores - 2, 16);
    }

    /** On the calling thread alone. */
    public CollectorSource(PacketSource packets, CollectorConfig config) {
        this(packets, config, 1);
    }

    public CollectorSource(PacketSource packets, CollectorConfig config, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        this.packets = packets;
        this.config = config;
        this.workers = workers;
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
    public int lanes() {
        return workers;
    }

    @Override
    public CollectorFigures run(IntFunction<Consumer<DomainRecord>> sinks) {
        if (workers == 1) {
            return run(sinks.apply(0));
        }
        CollectorStats stats = new ShardedCollector(config, DecoderRegistry.discover(), workers)
                .run(new CountingSource(packets, frames), sinks);
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
