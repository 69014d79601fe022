package io.otsoc.collector.flow;

import io.otsoc.collector.dissect.Packet;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.Direction;

/**
 * One TCP or UDP conversation: its key (the 5-tuple plus VLAN, endpoints stored in a fixed order so that both
 * directions find it), its orientation (which endpoint is the client), the {@link FlowRef} built once for its
 * events, its decoder and reassemblers, and counters. Links for the table's hash chains and recency list live here
 * too, so that tracking a flow costs no other object.
 */
public final class Flow {

    // Key: endpoint A is the lower (address, port) of the two.
    final boolean v6;
    final long aHi;
    final long aLo;
    final long bHi;
    final long bLo;
    final int aPort;
    final int bPort;
    final int proto;
    final int vlan;
    final int hash;

    final boolean clientIsA;
    final FlowRef ref;
    final long firstSeen;
    long lastSeen;
    long packetsToServer;
    long packetsToClient;
    long bytesToServer;
    long bytesToClient;

    DecoderBinding binding;
    /** Payload packets still to show the content recognisers; 0 once a decoder is attached or the chance passed. */
    int probesLeft;
    TcpReassembler toServer;
    TcpReassembler toClient;
    /** FIN seen by flag: bit 0 from the client, bit 1 from the server. */
    int finSeen;
    boolean rstSeen;
    boolean closed;

    Flow hashNext;
    Flow newer;
    Flow older;

    Flow(boolean v6, long aHi, long aLo, long bHi, long bLo, int aPort, int bPort, int proto, int vlan, int hash,
         boolean clientIsA, FlowRef ref, long firstSeen) {
        this.v6 = v6;
        this.aHi = aHi;
        this.aLo = aLo;
        this.bHi = bHi;
        this.bLo = bLo;
        this.aPort = aPort;
        this.bPort = bPort;
        this.proto = proto;
        this.vlan = vlan;
        this.hash = hash;
        this.clientIsA = clientIsA;
        this.ref = ref;
        this.firstSeen = firstSeen;
        this.lastSeen = firstSeen;
    }

    /** Whether the packet's source is endpoint A of the key (ties broken by port, then A = source). */
    static boolean sourceIsA(Packet p) {
        int c = Long.compareUnsigned(p.srcHi(), p.dstHi());
        if (c == 0) {
            c = Long.compareUnsigned(p.srcLo(), p.dstLo());
        }
        return c < 0 || (c == 0 && p.srcPort() <= p.dstPort());
    }

    static int hash(boolean v6, long aHi, long aLo, long bHi, long bLo, int aPort, int bPort, int proto, int vlan) {
        long h = aLo * 0x9E3779B97F4A7C15L;
        h = (h ^ bLo) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ aHi ^ (bHi << 1)) * 0x9E3779B97F4A7C15L;
        h = (h ^ ((long) aPort << 32 | (long) bPort << 16 | proto) ^ ((long) vlan << 48) ^ (v6 ? 1L << 62 : 0))
                * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 32));
    }

    boolean matches(Packet p, boolean srcIsA, int h) {
        if (hash != h || proto != p.ipProto() || vlan != p.vlanId() || v6 != p.isIpv6()) {
            return false;
        }
        return srcIsA
                ? aLo == p.srcLo() && bLo == p.dstLo() && aPort == p.srcPort() && bPort == p.dstPort()
                && aHi == p.srcHi() && bHi == p.dstHi()
                : aLo == p.dstLo() && bLo == p.srcLo() && aPort == p.dstPort() && bPort == p.srcPort()
                && aHi == p.dstHi() && bHi == p.srcHi();
    }

    /** Which way the packet travels, given that {@code srcIsA} says whether its source is endpoint A. */
    Direction direction(boolean srcIsA) {
        return srcIsA == clientIsA ? Direction.TO_SERVER : Direction.TO_CLIENT;
    }

    /** The conversation as events carry it. */
    public FlowRef ref() {
        return ref;
    }

    public boolean isTcp() {
        return proto == Packet.PROTO_TCP;
    }

    public long firstSeenMicros() {
        return firstSeen;
    }

    public long lastSeenMicros() {
        return lastSeen;
    }

    public long packetsToServer() {
        return packetsToServer;
    }

    public long packetsToClient() {
        return packetsToClient;
    }

    public long bytesToServer() {
        return bytesToServer;
    }

    public long bytesToClient() {
        return bytesToClient;
    }

    /** The protocol of the attached decoder, or null when none is attached (any more). */
    public String decoderProtocol() {
        return binding == null ? null : binding.protocol();
    }

    /** Whether the connection ended (FIN both ways or RST); a closed flow stays in the table until it times out. */
    public boolean closed() {
        return closed;
    }

    @Override
    public String toString() {
        return ref.transport() + " " + ref.clientIp() + ":" + ref.clientPort() + " -> " + ref.serverIp() + ":"
                + ref.serverPort() + (ref.vlanId() >= 0 ? " vlan " + ref.vlanId() : "");
    }
}
