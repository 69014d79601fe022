package io.otsoc.collector;

import io.otsoc.collector.capture.Frame;
import io.otsoc.collector.capture.FrameHandler;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.capture.SourceReport;
import io.otsoc.collector.dissect.Dissector;
import io.otsoc.collector.dissect.Packet;
import io.otsoc.collector.dissect.PacketKind;
import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.protocol.DecoderRegistry;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The collector's one entry point: frames from a source go through dissection, the flow table, TCP reassembly
 * and the protocol decoders; events, asset states and alerts go to the sink, on the calling thread.
 */
public final class Collector {

    private final CollectorConfig config;
    private final DecoderRegistry registry;

    /** A collector with the decoders registered as services on the class path. */
    public Collector(CollectorConfig config) {
        this(config, DecoderRegistry.discover());
    }

    public Collector(CollectorConfig config, DecoderRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public CollectorConfig config() {
        return config;
    }

    public DecoderRegistry registry() {
        return registry;
    }

    /**
     * Runs the source to its end (or until it is stopped), then flushes pending flows and assets.
     * An exception thrown by the sink stops the run and is rethrown; bad input never does.
     */
    public CollectorStats run(PacketSource source, Consumer<DomainRecord> sink) {
        Session session = session(sink);
        source.run(session);
        return session.finish(source.report());
    }

    /** A pipeline fed frame by frame, without a {@link PacketSource}: for live capture loops and benchmarks. */
    public Session session(Consumer<DomainRecord> sink) {
        return new Session(config, registry, sink);
    }

    /**
     * One run of the pipeline. Feed it with {@link #onFrame}, then call {@link #finish} once: it closes every flow
     * (decoders report what is pending), emits the assets and returns the statistics. Single-threaded.
     */
    public static final class Session implements FrameHandler {

        private final Dissector dissector = new Dissector();
        private final Packet packet = new Packet();
        private final FlowBackend backend;
        private final long startNanos = System.nanoTime();
        private long frames;
        private long bytes;
        private long assetsEmitted;
        private CollectorStats finalStats;

        Session(CollectorConfig config, DecoderRegistry registry, Consumer<DomainRecord> sink) {
            this.backend = new FlowBackend(config, registry, Objects.requireNonNull(sink, "sink"));
        }

        @Override
        public void onFrame(Frame frame) {
            if (finalStats != null) {
                throw new IllegalStateException("session already finished");
            }
            frames++;
            bytes += frame.capturedLength();
            PacketKind kind = dissector.dissect(frame, packet);
            if (kind == PacketKind.TCP || kind == PacketKind.UDP || kind == PacketKind.NON_IP) {
                backend.onPacket(packet, kind);
            } else {
                backend.advanceTime(frame.timestampMicros());
            }
        }

        /**
         * Moves capture time forward without a frame, so that a live source can time flows out during silence
         * (e.g. from its read timeout); frames move it on their own.
         */
        public void advanceTime(long timestampMicros) {
            backend.advanceTime(timestampMicros);
        }

        /** Closes all flows, emits the assets and returns the final statistics; later calls return the same. */
        public CollectorStats finish() {
            return finish(new SourceReport(frames, bytes, 0, List.of()));
        }

        /** Like {@link #finish()}, recording the source's report in the statistics. */
        public CollectorStats finish(SourceReport report) {
            if (finalStats != null) {
                return finalStats;
            }
            backend.closeAll();
            for (Asset asset : backend.inventory().assets()) {
                backend.sink().accept(asset);
                assetsEmitted++;
            }
            finalStats = stats(report);
            return finalStats;
        }

        /** The statistics so far (no flow is closed, no asset emitted). */
        public CollectorStats stats() {
            return finalStats != null ? finalStats : stats(new SourceReport(frames, bytes, 0, List.of()));
        }

        private CollectorStats stats(SourceReport report) {
            return CollectorStatsBuilder.of(frames, bytes, dissector, List.of(backend), assetsEmitted, report,
                    System.nanoTime() - startNanos);
        }
    }
}
