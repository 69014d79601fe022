package io.otsoc.collector;

import io.otsoc.collector.asset.AssetInventory;
import io.otsoc.collector.capture.Frame;
import io.otsoc.collector.capture.FrameHandler;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.capture.SourceReport;
import io.otsoc.collector.dissect.Dissector;
import io.otsoc.collector.dissect.EtherTypes;
import io.otsoc.collector.dissect.Packet;
import io.otsoc.collector.dissect.PacketKind;
import io.otsoc.collector.dissect.SkipReason;
import io.otsoc.collector.flow.Flow;
import io.otsoc.collector.flow.FlowTracker;
import io.otsoc.collector.flow.LinkLayerDecoders;
import io.otsoc.collector.flow.ProtocolCounters;
import io.otsoc.collector.flow.SinkFailure;
import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.DecoderRegistry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

        private final Consumer<DomainRecord> sink;
        private final Dissector dissector = new Dissector();
        private final Packet packet = new Packet();
        private final ProtocolCounters protocols;
        private final AssetInventory inventory;
        private final FlowTracker flows;
        private final LinkLayerDecoders linkDecoders;
        private final long startNanos = System.nanoTime();
        private long frames;
        private long bytes;
        private long assetsEmitted;
        private long lastTimestampMicros;
        private CollectorStats finalStats;

        Session(CollectorConfig config, DecoderRegistry registry, Consumer<DomainRecord> sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            this.protocols = new ProtocolCounters(registry);
            this.inventory = new AssetInventory(config.maxFlows());
            Consumer<OtEvent> events = event -> {
                inventory.onEvent(event);
                sink.accept(event);
            };
            this.linkDecoders = new LinkLayerDecoders(registry, events);
            this.flows = new FlowTracker(config, registry, protocols, events, new FlowTracker.Listener() {
                @Override
                public void onOpen(Flow flow) {
                    FlowRef r = flow.ref();
                    inventory.observe(r.clientMac(), r.clientIp(), flow.firstSeenMicros());
                    inventory.observe(r.serverMac(), r.serverIp(), flow.firstSeenMicros());
                }

                @Override
                public void onRemove(Flow flow) {
                    FlowRef r = flow.ref();
                    inventory.observe(r.clientMac(), r.clientIp(), flow.lastSeenMicros());
                    if (flow.packetsToClient() > 0) {
                        inventory.observe(r.serverMac(), r.serverIp(), flow.lastSeenMicros());
                    }
                }
            });
        }

        @Override
        public void onFrame(Frame frame) {
            if (finalStats != null) {
                throw new IllegalStateException("session already finished");
            }
            frames++;
            bytes += frame.capturedLength();
            lastTimestampMicros = frame.timestampMicros();
            PacketKind kind = dissector.dissect(frame, packet);
            try {
                flows.advanceTime(frame.timestampMicros());
                if (kind == PacketKind.TCP || kind == PacketKind.UDP) {
                    flows.onPacket(packet);
                } else if (kind == PacketKind.NON_IP) {
                    linkDecoders.onFrame(packet);
                }
            } catch (SinkFailure e) {
                throw e.getCause();
            }
        }

        /**
         * Moves capture time forward without a frame, so that a live source can time flows out during silence
         * (e.g. from its read timeout); frames move it on their own.
         */
        public void advanceTime(long timestampMicros) {
            try {
                flows.advanceTime(timestampMicros);
            } catch (SinkFailure e) {
                throw e.getCause();
            }
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
            try {
                flows.closeAll();
                linkDecoders.closeAll(lastTimestampMicros);
            } catch (SinkFailure e) {
                throw e.getCause();
            }
            for (Asset asset : inventory.assets()) {
                sink.accept(asset);
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
            Map<String, Long> skipped = new HashMap<>();
            for (SkipReason r : SkipReason.values()) {
                long n = dissector.skipped(r);
                if (n != 0) {
                    skipped.put(r.label(), n);
                }
            }
            Map<String, Long> etherTypes = new HashMap<>();
            dissector.forEachNonIp((type, n) -> etherTypes.put(EtherTypes.label(type), n));
            return new CollectorStats(frames, bytes, skipped, dissector.ipv4(), dissector.ipv6(),
                    dissector.count(PacketKind.TCP), dissector.count(PacketKind.UDP),
                    dissector.count(PacketKind.OTHER_IP), dissector.count(PacketKind.NON_IP), etherTypes,
                    dissector.fragmentFrames(), dissector.count(PacketKind.FRAGMENT),
                    dissector.fragments().completedDatagrams(), dissector.truncatedPayloads(),
                    flows.flowsCreated(), flows.flowsEvicted(), flows.flowsExpired(), flows.flowsFinished(),
                    flows.peakActiveFlows(), flows.tcp().gaps(), flows.tcp().gapBytes(),
                    merged(protocols.events(), linkDecoders.events()),
                    merged(protocols.malformed(), linkDecoders.malformed()), protocols.notThisProtocol(),
                    merged(protocols.decoderErrors(), linkDecoders.decoderErrors()), assetsEmitted,
                    report, System.nanoTime() - startNanos);
        }

        private static Map<String, Long> merged(Map<String, Long> flowCounts, Map<String, Long> linkCounts) {
            if (linkCounts.isEmpty()) {
                return flowCounts;
            }
            Map<String, Long> m = new java.util.TreeMap<>(flowCounts);
            linkCounts.forEach((k, v) -> m.merge(k, v, Long::sum));
            return m;
        }
    }
}
