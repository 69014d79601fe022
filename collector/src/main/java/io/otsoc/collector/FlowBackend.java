package io.otsoc.collector;

import io.otsoc.collector.asset.AssetInventory;
import io.otsoc.collector.dissect.Packet;
import io.otsoc.collector.dissect.PacketKind;
import io.otsoc.collector.flow.Flow;
import io.otsoc.collector.flow.FlowTracker;
import io.otsoc.collector.flow.LinkLayerDecoders;
import io.otsoc.collector.flow.ProtocolCounters;
import io.otsoc.collector.flow.SinkFailure;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.DecoderRegistry;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Everything after dissection for the packets it is given: the flow table, TCP reassembly, the protocol and
 * link-layer decoders and the asset inventory they feed, with their counters. One per pipeline thread: a single
 * collector has one; a sharded collector has one per worker, each given whole flows.
 */
final class FlowBackend {

    private final Consumer<DomainRecord> sink;
    private final ProtocolCounters protocols;
    private final AssetInventory inventory;
    private final FlowTracker flows;
    private final LinkLayerDecoders linkDecoders;
    private long lastTimestampMicros;

    FlowBackend(CollectorConfig config, DecoderRegistry registry, Consumer<DomainRecord> sink) {
        this.sink = sink;
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

    /** One dissected packet of kind TCP, UDP or NON_IP (others are ignored); sink failures are rethrown. */
    void onPacket(Packet packet, PacketKind kind) {
        lastTimestampMicros = packet.timestampMicros();
        try {
            flows.advanceTime(packet.timestampMicros());
            if (kind == PacketKind.TCP || kind == PacketKind.UDP) {
                flows.onPacket(packet);
            } else if (kind == PacketKind.NON_IP) {
                linkDecoders.onFrame(packet);
            }
        } catch (SinkFailure e) {
            throw e.getCause();
        }
    }

    /** Moves capture time on without a packet. */
    void advanceTime(long timestampMicros) {
        try {
            flows.advanceTime(timestampMicros);
        } catch (SinkFailure e) {
            throw e.getCause();
        }
    }

    /** Closes every flow and link decoder: decoders report what is pending. */
    void closeAll() {
        try {
            flows.closeAll();
            linkDecoders.closeAll(lastTimestampMicros);
        } catch (SinkFailure e) {
            throw e.getCause();
        }
    }

    AssetInventory inventory() {
        return inventory;
    }

    Consumer<DomainRecord> sink() {
        return sink;
    }

    FlowTracker flows() {
        return flows;
    }

    Map<String, Long> events() {
        return merged(protocols.events(), linkDecoders.events());
    }

    Map<String, Long> malformed() {
        return merged(protocols.malformed(), linkDecoders.malformed());
    }

    Map<String, Long> notThisProtocol() {
        return protocols.notThisProtocol();
    }

    Map<String, Long> decoderErrors() {
        return merged(protocols.decoderErrors(), linkDecoders.decoderErrors());
    }

    static Map<String, Long> merged(Map<String, Long> a, Map<String, Long> b) {
        if (b.isEmpty()) {
            return a;
        }
        Map<String, Long> m = new TreeMap<>(a);
        b.forEach((k, v) -> m.merge(k, v, Long::sum));
        return m;
    }
}
