package io.otsoc.collector.flow;

import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.dissect.Packet;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.DecoderRegistry;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

import java.util.function.Consumer;

/**
 * Follows TCP and UDP flows: finds or creates each packet's flow, orients it, attaches the decoder registered on
 * its server port (or, on other ports, the decoder whose factory recognises the first payloads), feeds UDP datagrams whole and TCP bytes through per-direction {@link TcpReassembler}s, and
 * closes flows on FIN/RST, idle timeout (capture time), eviction when the table is full, and at the end.
 *
 * <p>Orientation: the client is the SYN sender (the SYN-ACK receiver); without a SYN, the side not on a
 * registered decoder's well-known port; otherwise the lower port is the server's, and on equal ports the first
 * sender is the client.
 */
public final class FlowTracker {

    /** Told when flows enter and leave the table, e.g. to keep an asset inventory. */
    public interface Listener {
        void onOpen(Flow flow);

        void onRemove(Flow flow);
    }

    private static final Listener NO_LISTENER = new Listener() {
        @Override
        public void onOpen(Flow flow) {
        }

        @Override
        public void onRemove(Flow flow) {
        }
    };

    private final CollectorConfig config;
    private final DecoderRegistry registry;
    private final ProtocolCounters protocols;
    private final Consumer<OtEvent> events;
    private final Listener listener;
    private final FlowTable table;
    private final CommunityId communityId = new CommunityId();
    private final TcpCounters tcp = new TcpCounters();

    /** Payload packets of a flow on unregistered ports that are shown to the factories' content recognisers. */
    static final int PROBES_PER_FLOW = 4;

    private long created;
    private long recognised;
    private long evicted;
    private long expired;
    private long finished;

    public FlowTracker(CollectorConfig config, DecoderRegistry registry, ProtocolCounters protocols,
                       Consumer<OtEvent> events, Listener listener) {
        this.config = config;
        this.registry = registry;
        this.protocols = protocols;
        this.events = events;
        this.listener = listener == null ? NO_LISTENER : listener;
        this.table = new FlowTable(config.maxFlows());
    }

    /** Times out flows idle for longer than the configured timeout at {@code nowMicros} (capture time). */
    public void advanceTime(long nowMicros) {
        long timeout = config.flowIdleTimeoutMicros();
        for (Flow f = table.oldest(); f != null && nowMicros - f.lastSeen > timeout; f = table.oldest()) {
            remove(f, CloseReason.IDLE);
            expired++;
        }
    }

    /** One TCP or UDP packet; returns its flow. */
    public Flow onPacket(Packet p) {
        long now = p.timestampMicros();
        boolean isTcp = p.ipProto() == Packet.PROTO_TCP;
        int flags = p.tcpFlags();
        boolean srcIsA = Flow.sourceIsA(p);
        long aHi = srcIsA ? p.srcHi() : p.dstHi();
        long aLo = srcIsA ? p.srcLo() : p.dstLo();
        long bHi = srcIsA ? p.dstHi() : p.srcHi();
        long bLo = srcIsA ? p.dstLo() : p.srcLo();
        int aPort = srcIsA ? p.srcPort() : p.dstPort();
        int bPort = srcIsA ? p.dstPort() : p.srcPort();
        int hash = Flow.hash(p.isIpv6(), aHi, aLo, bHi, bLo, aPort, bPort, p.ipProto(), p.vlanId());

        Flow f = table.find(p, srcIsA, hash);
        boolean opening = isTcp && (flags & (Packet.TCP_SYN | Packet.TCP_ACK)) == Packet.TCP_SYN;
        if (f != null && opening && (f.closed || f.rstSeen || f.finSeen == 3)) {
            // A new connection on the 4-tuple of one that ended.
            remove(f, CloseReason.FINISHED);
            f = null;
        }
        if (f == null) {
            if (table.full()) {
                remove(table.oldest(), CloseReason.EVICTED);
                evicted++;
            }
            f = open(p, isTcp, srcIsA, aHi, aLo, bHi, bLo, aPort, bPort, hash);
        } else {
            table.touch(f);
            if (now > f.lastSeen) {
                f.lastSeen = now;
            }
        }

        Direction dir = f.direction(srcIsA);
        if (dir == Direction.TO_SERVER) {
            f.packetsToServer++;
            f.bytesToServer += p.payloadWireLength();
        } else {
            f.packetsToClient++;
            f.bytesToClient += p.payloadWireLength();
        }
        if (f.closed) {
            return f;
        }
        if (f.binding == null && f.probesLeft > 0 && p.payloadLength() > 0) {
            probe(f, p, isTcp, dir);
        }
        if (isTcp) {
            tcpSegment(f, p, dir, flags, now);
        } else if (f.binding != null && p.payloadLength() > 0 && p.payloadLength() == p.payloadWireLength()) {
            f.binding.onData(dir, p.buffer(), p.payloadOffset(), p.payloadLength(), now);
            if (f.binding.detached()) {
                f.binding = null;
            }
        }
        return f;
    }

    /**
     * Content-based recognition for a flow on ports no decoder registered: each factory is asked, in registry
     * order, whether this payload is its protocol; the first that says yes gets the flow from this packet on.
     */
    private void probe(Flow f, Packet p, boolean isTcp, Direction dir) {
        f.probesLeft--;
        var factories = registry.factories();
        for (int i = 0; i < factories.size(); i++) {
            ProtocolDecoderFactory factory = factories.get(i);
            boolean yes;
            try {
                yes = factory.recognizes(isTcp, dir, p.buffer(), p.payloadOffset(), p.payloadLength());
            } catch (RuntimeException e) {
                yes = false;
            }
            if (yes) {
                f.probesLeft = 0;
                f.binding = DecoderBinding.attach(factory, i, f.ref, protocols, events);
                recognised++;
                return;
            }
        }
    }

    /** Closes every flow, oldest first (end of capture). */
    public void closeAll() {
        for (Flow f = table.oldest(); f != null; f = table.oldest()) {
            remove(f, CloseReason.END_OF_CAPTURE);
        }
    }

    private void tcpSegment(Flow f, Packet p, Direction dir, int flags, long now) {
        if (f.binding != null) {
            TcpReassembler r = dir == Direction.TO_SERVER ? f.toServer : f.toClient;
            if (r == null) {
                r = new TcpReassembler(dir, config.maxOutOfOrderBytes(), config.maxOutOfOrderSegments(), tcp);
                if (dir == Direction.TO_SERVER) {
                    f.toServer = r;
                } else {
                    f.toClient = r;
                }
            }
            r.onSegment(p.tcpSeq(), flags, p.buffer(), p.payloadOffset(), p.payloadLength(),
                    p.payloadWireLength() - p.payloadLength(), now, f.binding);
            if (f.binding.detached()) {
                f.binding = null;
                f.toServer = null;
                f.toClient = null;
            }
        }
        if ((flags & Packet.TCP_FIN) != 0) {
            f.finSeen |= dir == Direction.TO_SERVER ? 1 : 2;
        }
        if ((flags & Packet.TCP_RST) != 0) {
            f.rstSeen = true;
        }
        boolean done;
        if (f.binding != null) {
            done = f.rstSeen || (f.toServer != null && f.toServer.finished()
                    && f.toClient != null && f.toClient.finished());
        } else {
            done = f.rstSeen || f.finSeen == 3;
        }
        if (done) {
            close(f, CloseReason.FINISHED, now);
        }
    }

    private Flow open(Packet p, boolean isTcp, boolean srcIsA, long aHi, long aLo, long bHi, long bLo, int aPort,
                      int bPort, int hash) {
        boolean srcIsClient = sourceIsClient(p, isTcp);
        boolean v6 = p.isIpv6();
        String srcIp = AddressText.ip(v6, p.srcHi(), p.srcLo());
        String dstIp = AddressText.ip(v6, p.dstHi(), p.dstLo());
        String srcMac = p.hasMacs() ? AddressText.mac(p.srcMac()) : null;
        String dstMac = p.hasMacs() ? AddressText.mac(p.dstMac()) : null;
        String id = communityId.of(v6, p.srcHi(), p.srcLo(), p.dstHi(), p.dstLo(), p.ipProto(), p.srcPort(),
                p.dstPort());
        FlowRef ref = srcIsClient
                ? new FlowRef(id, isTcp ? "tcp" : "udp", srcMac, dstMac, srcIp, p.srcPort(), dstIp, p.dstPort(),
                p.vlanId())
                : new FlowRef(id, isTcp ? "tcp" : "udp", dstMac, srcMac, dstIp, p.dstPort(), srcIp, p.srcPort(),
                p.vlanId());
        Flow f = new Flow(v6, aHi, aLo, bHi, bLo, aPort, bPort, p.ipProto(), p.vlanId(), hash,
                srcIsClient == srcIsA, ref, p.timestampMicros());
        int serverPort = srcIsClient ? p.dstPort() : p.srcPort();
        int index = isTcp ? registry.tcpIndex(serverPort) : registry.udpIndex(serverPort);
        if (index >= 0) {
            f.binding = DecoderBinding.attach(registry.factories().get(index), index, ref, protocols, events);
        } else {
            f.probesLeft = PROBES_PER_FLOW;
        }
        table.add(f);
        created++;
        listener.onOpen(f);
        return f;
    }

    private boolean sourceIsClient(Packet p, boolean isTcp) {
        if (isTcp && p.hasTcpFlag(Packet.TCP_SYN)) {
            return !p.hasTcpFlag(Packet.TCP_ACK);
        }
        boolean srcKnown = registry.isWellKnown(isTcp, p.srcPort());
        boolean dstKnown = registry.isWellKnown(isTcp, p.dstPort());
        if (srcKnown != dstKnown) {
            return dstKnown;
        }
        if (p.srcPort() != p.dstPort()) {
            return p.srcPort() > p.dstPort();
        }
        return true;
    }

    private void close(Flow f, CloseReason reason, long timestampMicros) {
        if (f.closed) {
            return;
        }
        f.closed = true;
        if (reason == CloseReason.FINISHED) {
            finished++;
        }
        DecoderBinding b = f.binding;
        if (b != null) {
            if (f.toServer != null) {
                f.toServer.flush(timestampMicros, b);
            }
            if (f.toClient != null) {
                f.toClient.flush(timestampMicros, b);
            }
            b.onClose(timestampMicros);
        }
        f.binding = null;
        f.toServer = null;
        f.toClient = null;
    }

    private void remove(Flow f, CloseReason reason) {
        close(f, reason, f.lastSeen);
        table.remove(f);
        listener.onRemove(f);
    }

    // ---------------------------------------------------------------- counters

    public long flowsCreated() {
        return created;
    }

    /** Flows pushed out of the full table. */
    public long flowsEvicted() {
        return evicted;
    }

    /** Flows closed by the idle timeout. */
    public long flowsExpired() {
        return expired;
    }

    /** Flows closed by FIN/RST. */
    public long flowsFinished() {
        return finished;
    }

    /** Flows on unregistered ports given a decoder because their content was recognised. */
    public long flowsRecognisedByContent() {
        return recognised;
    }

    public int activeFlows() {
        return table.size();
    }

    public int peakActiveFlows() {
        return table.peak();
    }

    public TcpCounters tcp() {
        return tcp;
    }
}
