package io.otsoc.collector.dissect;

import io.otsoc.collector.capture.Frame;
import io.otsoc.collector.capture.LinkTypes;

/**
 * Reads a frame's link, network and transport headers into a reusable {@link Packet}: no copy (except IP
 * fragments, which are reassembled), no object per frame, nothing thrown. Every length field is checked against
 * the bytes that are left before it is used; a frame that fails a check is {@link PacketKind#SKIPPED} and its
 * {@link SkipReason} counted. Non-IP frames are counted per EtherType.
 *
 * <p>Not thread-safe: one dissector per capture thread.
 */
public final class Dissector {

    private static final int MAX_VLAN_TAGS = 8;
    private static final int MAX_IPV6_EXTENSIONS = 16;

    /** Linux, NetBSD/OpenBSD, FreeBSD, Darwin values of AF_INET6 seen in NULL/loopback headers. */
    private static final int AF_INET = 2;

    private final FragmentReassembler fragments;
    private final long[] skipped = new long[SkipReason.values().length];
    private final long[] nonIp = new long[EtherTypes.LLC + 1];
    private final long[] kinds = new long[PacketKind.values().length];
    private long ipv4;
    private long ipv6;
    private long fragmentFrames;
    private long truncatedPayloads;

    public Dissector() {
        this(new FragmentReassembler(64, 30_000_000L));
    }

    public Dissector(FragmentReassembler fragments) {
        this.fragments = fragments;
    }

    /** Dissects one frame into {@code p} and counts the outcome. */
    public PacketKind dissect(Frame frame, Packet p) {
        byte[] b = frame.data();
        p.reset(frame.number(), frame.timestampMicros(), frame.linkType(), frame.originalLength(),
                frame.capturedLength(), b);
        int off = frame.offset();
        int end = off + frame.capturedLength();
        boolean snapped = frame.originalLength() > frame.capturedLength();
        PacketKind kind = switch (frame.linkType()) {
            case LinkTypes.ETHERNET -> ethernet(b, off, end, snapped, p);
            case LinkTypes.NULL -> loopback(b, off, end, snapped, p);
            case LinkTypes.LINUX_SLL -> cooked(b, off, end, snapped, p, 16, 14);
            case LinkTypes.LINUX_SLL2 -> cooked(b, off, end, snapped, p, 20, 0);
            case LinkTypes.RAW -> rawIp(b, off, end, snapped, p);
            case LinkTypes.IPV4 -> ipv4(b, off, end, snapped, p);
            case LinkTypes.IPV6 -> ipv6(b, off, end, snapped, p);
            default -> skip(SkipReason.UNSUPPORTED_LINK_TYPE);
        };
        kinds[kind.ordinal()]++;
        return kind;
    }

    // ---------------------------------------------------------------- link layers

    private PacketKind ethernet(byte[] b, int off, int end, boolean snapped, Packet p) {
        if (end - off < 14) {
            return skip(SkipReason.LINK_HEADER_TRUNCATED);
        }
        p.hasMacs = true;
        p.dstMac = u48(b, off);
        p.srcMac = u48(b, off + 6);
        int type = u16(b, off + 12);
        int pos = off + 14;
        if (type <= 1500) {
            // IEEE 802.3 length field: 802.2 LLC follows, possibly with a SNAP header carrying an EtherType.
            if (end - pos > type && !snapped) {
                end = pos + type;
            }
            return llc(b, pos, end, snapped, p);
        }
        return etherPayload(type, b, pos, end, snapped, p);
    }

    private PacketKind llc(byte[] b, int pos, int end, boolean snapped, Packet p) {
        if (end - pos < 3) {
            return skip(SkipReason.LLC_TRUNCATED);
        }
        if ((b[pos] & 0xff) == 0xaa && (b[pos + 1] & 0xff) == 0xaa && (b[pos + 2] & 0xff) == 0x03) {
            if (end - pos < 8) {
                return skip(SkipReason.LLC_TRUNCATED);
            }
            int oui = u24(b, pos + 3);
            if (oui == 0) {
                return etherPayload(u16(b, pos + 6), b, pos + 8, end, snapped, p);
            }
        }
        return nonIp(EtherTypes.LLC, p, pos, end);
    }

    /** After the link header: VLAN tags, then IPv4, IPv6 or a counted non-IP EtherType. */
    private PacketKind etherPayload(int type, byte[] b, int pos, int end, boolean snapped, Packet p) {
        int tags = 0;
        while (EtherTypes.isVlanTag(type)) {
            if (++tags > MAX_VLAN_TAGS) {
                return skip(SkipReason.VLAN_TOO_DEEP);
            }
            if (end - pos < 4) {
                return skip(SkipReason.VLAN_TRUNCATED);
            }
            if (p.vlanId < 0) {
                p.vlanId = u16(b, pos) & 0x0fff;
            }
            type = u16(b, pos + 2);
            pos += 4;
        }
        p.etherType = type;
        return switch (type) {
            case EtherTypes.IPV4 -> ipv4(b, pos, end, snapped, p);
            case EtherTypes.IPV6 -> ipv6(b, pos, end, snapped, p);
            default -> nonIp(type, p, pos, end);
        };
    }

    private PacketKind loopback(byte[] b, int off, int end, boolean snapped, Packet p) {
        if (end - off < 4) {
            return skip(SkipReason.LINK_HEADER_TRUNCATED);
        }
        // The family is in the capturing host's byte order, which the file does not say: families are small.
        int family = u32(b, off);
        if ((family & 0xffff0000) != 0) {
            family = Integer.reverseBytes(family);
        }
        return switch (family) {
            case AF_INET -> ipv4(b, off + 4, end, snapped, p);
            case 10, 24, 28, 30 -> ipv6(b, off + 4, end, snapped, p);
            default -> skip(SkipReason.NULL_UNKNOWN_FAMILY);
        };
    }

    /** Linux cooked capture v1 (16-byte header, protocol at 14) and v2 (20-byte header, protocol at 0). */
    private PacketKind cooked(byte[] b, int off, int end, boolean snapped, Packet p, int headerLength,
                              int protocolAt) {
        if (end - off < headerLength) {
            return skip(SkipReason.LINK_HEADER_TRUNCATED);
        }
        int protocol = u16(b, off + protocolAt);
        int pos = off + headerLength;
        if (protocol == 0x0004) {
            return llc(b, pos, end, snapped, p);
        }
        return etherPayload(protocol, b, pos, end, snapped, p);
    }

    private PacketKind rawIp(byte[] b, int off, int end, boolean snapped, Packet p) {
        if (end - off < 1) {
            return skip(SkipReason.LINK_HEADER_TRUNCATED);
        }
        return switch ((b[off] & 0xf0) >>> 4) {
            case 4 -> ipv4(b, off, end, snapped, p);
            case 6 -> ipv6(b, off, end, snapped, p);
            default -> skip(SkipReason.IPV4_BAD_VERSION);
        };
    }

    /** A non-IP frame: its payload (after the EtherType, or from the LLC header) becomes the packet's payload. */
    private PacketKind nonIp(int etherType, Packet p, int pos, int end) {
        p.etherType = etherType;
        p.payloadOffset = pos;
        p.payloadLength = end - pos;
        p.payloadWireLength = end - pos;
        nonIp[etherType]++;
        return PacketKind.NON_IP;
    }

    // ---------------------------------------------------------------- network layer

    private PacketKind ipv4(byte[] b, int off, int end, boolean snapped, Packet p) {
        if (end - off < 20) {
            return skip(SkipReason.IPV4_TRUNCATED);
        }
        if ((b[off] & 0xf0) != 0x40) {
            return skip(SkipReason.IPV4_BAD_VERSION);
        }
        int ihl = (b[off] & 0x0f) * 4;
        if (ihl < 20) {
            return skip(SkipReason.IPV4_BAD_HEADER_LENGTH);
        }
        if (end - off < ihl) {
            return skip(SkipReason.IPV4_TRUNCATED);
        }
        int total = u16(b, off + 2);
        int available = end - off;
        if (total == 0 && !snapped) {
            // Captured on the sending host with segmentation offload: the length was left to the NIC.
            total = available;
        }
        if (total < ihl) {
            return skip(SkipReason.IPV4_BAD_TOTAL_LENGTH);
        }
        if (total <= available) {
            end = off + total; // Ethernet padding trimmed
        } else if (!snapped) {
            return skip(SkipReason.IPV4_BAD_TOTAL_LENGTH);
        }
        ipv4++;
        p.ipVersion = 4;
        int proto = b[off + 9] & 0xff;
        p.ipProto = proto;
        p.srcHi = 0;
        p.srcLo = u32(b, off + 12) & 0xffffffffL;
        p.dstHi = 0;
        p.dstLo = u32(b, off + 16) & 0xffffffffL;
        int flagsOffset = u16(b, off + 6);
        int fragmentOffset = (flagsOffset & 0x1fff) << 3;
        boolean more = (flagsOffset & 0x2000) != 0;
        int payloadWire = total - ihl;
        if (more || fragmentOffset != 0) {
            fragmentFrames++;
            if (end - off < total) {
                return skip(SkipReason.FRAGMENT_TRUNCATED);
            }
            FragmentReassembler.Result r = fragments.add(4, 0, p.srcLo, 0, p.dstLo, u16(b, off + 4), proto,
                    fragmentOffset, more, b, off + ihl, payloadWire, p.timestampMicros);
            return switch (r) {
                case HELD -> PacketKind.FRAGMENT;
                case BAD_LENGTH -> skip(SkipReason.FRAGMENT_BAD_LENGTH);
                case TOO_LARGE -> skip(SkipReason.FRAGMENT_TOO_LARGE);
                case COMPLETE -> {
                    p.reassembled = true;
                    p.buffer = fragments.datagram();
                    int n = fragments.datagramLength();
                    yield transport(proto, p.buffer, 0, n, n, p);
                }
            };
        }
        return transport(proto, b, off + ihl, end, payloadWire, p);
    }

    private PacketKind ipv6(byte[] b, int off, int end, boolean snapped, Packet p) {
        if (end - off < 40) {
            return skip(SkipReason.IPV6_TRUNCATED);
        }
        if ((b[off] & 0xf0) != 0x60) {
            return skip(SkipReason.IPV6_BAD_VERSION);
        }
        int payloadLength = u16(b, off + 4);
        int available = end - off - 40;
        if (payloadLength == 0 && !snapped) {
            // Jumbogram or segmentation offload: the frame is all there is.
            payloadLength = available;
        }
        if (payloadLength <= available) {
            end = off + 40 + payloadLength;
        } else if (!snapped) {
            return skip(SkipReason.IPV6_BAD_PAYLOAD_LENGTH);
        }
        ipv6++;
        p.ipVersion = 6;
        p.srcHi = u64(b, off + 8);
        p.srcLo = u64(b, off + 16);
        p.dstHi = u64(b, off + 24);
        p.dstLo = u64(b, off + 32);
        return ipv6Extensions(b[off + 6] & 0xff, b, off + 40, end, payloadLength, p, false);
    }

    /**
     * Walks IPv6 extension headers (hop-by-hop, routing, destination options, fragment, AH, mobility, HIP, shim6)
     * up to the transport. {@code wire} is the number of bytes from {@code pos} to the end of the datagram on the wire.
     */
    private PacketKind ipv6Extensions(int next, byte[] b, int pos, int end, int wire, Packet p,
                                      boolean reassembled) {
        for (int i = 0; ; i++) {
            if (i > MAX_IPV6_EXTENSIONS) {
                return skip(SkipReason.IPV6_TOO_MANY_EXTENSIONS);
            }
            int length;
            switch (next) {
                case 0, 43, 60, 135, 139, 140 -> {
                    if (end - pos < 2) {
                        return skip(SkipReason.IPV6_EXTENSION_TRUNCATED);
                    }
                    length = ((b[pos + 1] & 0xff) + 1) * 8;
                }
                case 51 -> {
                    if (end - pos < 2) {
                        return skip(SkipReason.IPV6_EXTENSION_TRUNCATED);
                    }
                    length = ((b[pos + 1] & 0xff) + 2) * 4;
                }
                case 44 -> {
                    if (end - pos < 8) {
                        return skip(SkipReason.IPV6_EXTENSION_TRUNCATED);
                    }
                    int offsetFlags = u16(b, pos + 2);
                    int fragmentOffset = offsetFlags & 0xfff8;
                    boolean more = (offsetFlags & 1) != 0;
                    int inner = b[pos] & 0xff;
                    if (!more && fragmentOffset == 0) {
                        // An atomic fragment (RFC 6946): the whole datagram, no reassembly needed.
                        next = inner;
                        pos += 8;
                        wire -= 8;
                        continue;
                    }
                    if (reassembled) {
                        return skip(SkipReason.FRAGMENT_BAD_LENGTH);
                    }
                    fragmentFrames++;
                    int len = wire - 8;
                    if (end - pos - 8 < len || len < 0) {
                        return skip(SkipReason.FRAGMENT_TRUNCATED);
                    }
                    FragmentReassembler.Result r = fragments.add(6, p.srcHi, p.srcLo, p.dstHi, p.dstLo,
                            u32(b, pos + 4), inner, fragmentOffset, more, b, pos + 8, len, p.timestampMicros);
                    return switch (r) {
                        case HELD -> PacketKind.FRAGMENT;
                        case BAD_LENGTH -> skip(SkipReason.FRAGMENT_BAD_LENGTH);
                        case TOO_LARGE -> skip(SkipReason.FRAGMENT_TOO_LARGE);
                        case COMPLETE -> {
                            p.reassembled = true;
                            p.buffer = fragments.datagram();
                            int n = fragments.datagramLength();
                            yield ipv6Extensions(fragments.datagramNextHeader(), p.buffer, 0, n, n, p, true);
                        }
                    };
                }
                case 59 -> {
                    p.ipProto = 59;
                    return PacketKind.OTHER_IP;
                }
                default -> {
                    return transport(next, b, pos, end, wire, p);
                }
            }
            if (end - pos < length || wire < length) {
                return skip(SkipReason.IPV6_EXTENSION_TRUNCATED);
            }
            next = b[pos] & 0xff;
            pos += length;
            wire -= length;
        }
    }

    // ---------------------------------------------------------------- transport layer

    /**
     * @param pos  start of the transport header
     * @param end  end of the captured bytes of the datagram
     * @param wire length of the transport header plus payload on the wire
     */
    private PacketKind transport(int proto, byte[] b, int pos, int end, int wire, Packet p) {
        p.ipProto = proto;
        switch (proto) {
            case Packet.PROTO_TCP -> {
                if (end - pos < 20) {
                    return skip(SkipReason.TCP_TRUNCATED);
                }
                int dataOffset = ((b[pos + 12] & 0xf0) >>> 4) * 4;
                if (dataOffset < 20 || dataOffset > wire) {
                    return skip(SkipReason.TCP_BAD_DATA_OFFSET);
                }
                if (end - pos < dataOffset) {
                    return skip(SkipReason.TCP_TRUNCATED);
                }
                p.srcPort = u16(b, pos);
                p.dstPort = u16(b, pos + 2);
                p.tcpSeq = u32(b, pos + 4);
                p.tcpAck = u32(b, pos + 8);
                p.tcpFlags = b[pos + 13] & 0xff;
                p.payloadOffset = pos + dataOffset;
                p.payloadLength = end - pos - dataOffset;
                p.payloadWireLength = wire - dataOffset;
                if (p.payloadLength < p.payloadWireLength) {
                    truncatedPayloads++;
                }
                return PacketKind.TCP;
            }
            case Packet.PROTO_UDP -> {
                if (end - pos < 8) {
                    return skip(SkipReason.UDP_TRUNCATED);
                }
                int length = u16(b, pos + 4);
                if (length < 8 || length > wire) {
                    return skip(SkipReason.UDP_BAD_LENGTH);
                }
                p.srcPort = u16(b, pos);
                p.dstPort = u16(b, pos + 2);
                p.payloadOffset = pos + 8;
                p.payloadLength = Math.min(end - pos, length) - 8;
                p.payloadWireLength = length - 8;
                if (p.payloadLength < p.payloadWireLength) {
                    truncatedPayloads++;
                }
                return PacketKind.UDP;
            }
            case Packet.PROTO_ICMP, Packet.PROTO_ICMPV6 -> {
                if (end - pos >= 2) {
                    p.icmpType = b[pos] & 0xff;
                    p.icmpCode = b[pos + 1] & 0xff;
                }
                return PacketKind.OTHER_IP;
            }
            case Packet.PROTO_SCTP -> {
                if (end - pos >= 4) {
                    p.srcPort = u16(b, pos);
                    p.dstPort = u16(b, pos + 2);
                }
                return PacketKind.OTHER_IP;
            }
            default -> {
                return PacketKind.OTHER_IP;
            }
        }
    }

    private PacketKind skip(SkipReason reason) {
        skipped[reason.ordinal()]++;
        return PacketKind.SKIPPED;
    }

    // ---------------------------------------------------------------- counters

    /** Frames skipped for this reason so far. */
    public long skipped(SkipReason reason) {
        return skipped[reason.ordinal()];
    }

    /** Frames that ended as this kind so far. */
    public long count(PacketKind kind) {
        return kinds[kind.ordinal()];
    }

    /** Non-IP frames with this EtherType (or {@link EtherTypes#LLC}) so far. */
    public long nonIp(int etherType) {
        return nonIp[etherType];
    }

    /** Visits every EtherType with a non-zero count. */
    public void forEachNonIp(java.util.function.ObjLongConsumer<Integer> visitor) {
        for (int t = 0; t < nonIp.length; t++) {
            if (nonIp[t] != 0) {
                visitor.accept(t, nonIp[t]);
            }
        }
    }

    /** Frames with a valid IPv4 header. */
    public long ipv4() {
        return ipv4;
    }

    /** Frames with a valid IPv6 header. */
    public long ipv6() {
        return ipv6;
    }

    /** IP fragments seen (held, completing a datagram, or rejected). */
    public long fragmentFrames() {
        return fragmentFrames;
    }

    /** TCP segments and UDP datagrams of which the capture kept fewer bytes than the wire carried. */
    public long truncatedPayloads() {
        return truncatedPayloads;
    }

    public FragmentReassembler fragments() {
        return fragments;
    }

    // ---------------------------------------------------------------- big-endian reads

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    static int u24(byte[] b, int i) {
        return ((b[i] & 0xff) << 16) | ((b[i + 1] & 0xff) << 8) | (b[i + 2] & 0xff);
    }

    static int u32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    static long u48(byte[] b, int i) {
        return ((long) u16(b, i) << 32) | (u32(b, i + 2) & 0xffffffffL);
    }

    static long u64(byte[] b, int i) {
        return ((long) u32(b, i) << 32) | (u32(b, i + 4) & 0xffffffffL);
    }
}
