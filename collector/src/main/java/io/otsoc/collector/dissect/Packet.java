package io.otsoc.collector.dissect;

/**
 * A reusable, mutable view of one dissected frame: the {@link Dissector} fills it in place, without copying the
 * bytes or creating objects, and the next frame overwrites it. Addresses are primitives: an IPv4 address is the
 * low 32 bits of {@code lo} (with {@code hi} 0), an IPv6 address is {@code hi}:{@code lo} in network order;
 * MACs are the 48 low bits of a long. Offsets index {@link #buffer()}, which is the frame's buffer or, for a
 * reassembled IP datagram, the reassembler's.
 */
public final class Packet {

    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_RST = 0x04;
    public static final int TCP_PSH = 0x08;
    public static final int TCP_ACK = 0x10;

    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_ICMPV6 = 58;
    public static final int PROTO_SCTP = 132;

    long number;
    long timestampMicros;
    int linkType;
    int wireLength;
    int capturedLength;
    byte[] buffer;

    boolean hasMacs;
    long srcMac;
    long dstMac;
    int vlanId;
    int etherType;

    int ipVersion;
    int ipProto;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    boolean reassembled;

    int srcPort;
    int dstPort;
    int tcpSeq;
    int tcpAck;
    int tcpFlags;
    int icmpType;
    int icmpCode;
    int payloadOffset;
    int payloadLength;
    int payloadWireLength;

    void reset(long number, long timestampMicros, int linkType, int wireLength, int capturedLength, byte[] buffer) {
        this.number = number;
        this.timestampMicros = timestampMicros;
        this.linkType = linkType;
        this.wireLength = wireLength;
        this.capturedLength = capturedLength;
        this.buffer = buffer;
        hasMacs = false;
        srcMac = 0;
        dstMac = 0;
        vlanId = -1;
        etherType = -1;
        ipVersion = 0;
        ipProto = -1;
        srcHi = srcLo = dstHi = dstLo = 0;
        reassembled = false;
        srcPort = dstPort = -1;
        tcpSeq = tcpAck = tcpFlags = 0;
        icmpType = icmpCode = -1;
        payloadOffset = payloadLength = payloadWireLength = 0;
    }

    /**
     * Makes this packet a copy of {@code other} whose payload has been copied to {@code buffer} at
     * {@code payloadOffset}: for handing a dissected packet to another thread.
     */
    public void copyFrom(Packet other, byte[] buffer, int payloadOffset) {
        number = other.number;
        timestampMicros = other.timestampMicros;
        linkType = other.linkType;
        wireLength = other.wireLength;
        capturedLength = other.capturedLength;
        this.buffer = buffer;
        hasMacs = other.hasMacs;
        srcMac = other.srcMac;
        dstMac = other.dstMac;
        vlanId = other.vlanId;
        etherType = other.etherType;
        ipVersion = other.ipVersion;
        ipProto = other.ipProto;
        srcHi = other.srcHi;
        srcLo = other.srcLo;
        dstHi = other.dstHi;
        dstLo = other.dstLo;
        reassembled = other.reassembled;
        srcPort = other.srcPort;
        dstPort = other.dstPort;
        tcpSeq = other.tcpSeq;
        tcpAck = other.tcpAck;
        tcpFlags = other.tcpFlags;
        icmpType = other.icmpType;
        icmpCode = other.icmpCode;
        this.payloadOffset = payloadOffset;
        payloadLength = other.payloadLength;
        payloadWireLength = other.payloadWireLength;
    }

    public long number() {
        return number;
    }

    public long timestampMicros() {
        return timestampMicros;
    }

    public int linkType() {
        return linkType;
    }

    public int wireLength() {
        return wireLength;
    }

    public int capturedLength() {
        return capturedLength;
    }

    /** The buffer that {@link #payloadOffset()} indexes. */
    public byte[] buffer() {
        return buffer;
    }

    /** Whether the link layer gave Ethernet MAC addresses (not the case for NULL, RAW or Linux cooked captures). */
    public boolean hasMacs() {
        return hasMacs;
    }

    public long srcMac() {
        return srcMac;
    }

    public long dstMac() {
        return dstMac;
    }

    /** Outermost VLAN id, or -1 when untagged. */
    public int vlanId() {
        return vlanId;
    }

    /** The EtherType after VLAN tags and SNAP (or {@link EtherTypes#LLC}), -1 when the link type has none. */
    public int etherType() {
        return etherType;
    }

    /** 4, 6, or 0 when the frame is not IP. */
    public int ipVersion() {
        return ipVersion;
    }

    public boolean isIpv6() {
        return ipVersion == 6;
    }

    /** The IP protocol number of the transport (after IPv6 extension headers), -1 when none. */
    public int ipProto() {
        return ipProto;
    }

    public long srcHi() {
        return srcHi;
    }

    public long srcLo() {
        return srcLo;
    }

    public long dstHi() {
        return dstHi;
    }

    public long dstLo() {
        return dstLo;
    }

    /** Whether the transport came from a datagram reassembled from IP fragments. */
    public boolean reassembled() {
        return reassembled;
    }

    /** TCP, UDP or SCTP source port; -1 otherwise. */
    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    public int tcpSeq() {
        return tcpSeq;
    }

    public int tcpAck() {
        return tcpAck;
    }

    public int tcpFlags() {
        return tcpFlags;
    }

    public boolean hasTcpFlag(int flag) {
        return (tcpFlags & flag) != 0;
    }

    /** ICMP or ICMPv6 type, -1 otherwise. */
    public int icmpType() {
        return icmpType;
    }

    public int icmpCode() {
        return icmpCode;
    }

    /** Where the transport payload starts in {@link #buffer()}; for a non-IP frame, what follows its EtherType. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** Payload bytes present in the buffer. */
    public int payloadLength() {
        return payloadLength;
    }

    /** Payload length on the wire, from the IP/UDP length fields; more than {@link #payloadLength()} when the capture cut the frame. */
    public int payloadWireLength() {
        return payloadWireLength;
    }
}
