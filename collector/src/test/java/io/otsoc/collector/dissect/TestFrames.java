package io.otsoc.collector.dissect;

import io.otsoc.collector.capture.Frame;
import io.otsoc.collector.capture.LinkTypes;

import java.io.ByteArrayOutputStream;

/**
 * Hand-built frames for tests, laid out as the protocol specifications say (RFC 791, RFC 8200, RFC 9293, RFC 768,
 * IEEE 802.3 / 802.1Q). Checksums are left zero: the dissector does not verify them.
 */
public final class TestFrames {

    public static final long MAC_A = 0x020000000001L;
    public static final long MAC_B = 0x020000000002L;

    private TestFrames() {
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] u16(int v) {
        return new byte[]{(byte) (v >>> 8), (byte) v};
    }

    public static byte[] mac(long mac) {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (mac >>> (40 - 8 * i));
        }
        return b;
    }

    public static byte[] ethernet(long dst, long src, int etherType, byte[] payload) {
        return concat(mac(dst), mac(src), u16(etherType), payload);
    }

    /** An 802.1Q/802.1ad tag: tag protocol id, then TCI with the VLAN id, then the inner EtherType. */
    public static byte[] tag(int tpid, int vlanId) {
        return concat(u16(tpid), u16(vlanId & 0x0fff));
    }

    public static byte[] ip4(String dotted) {
        String[] p = dotted.split("\\.");
        return new byte[]{(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]),
                (byte) Integer.parseInt(p[2]), (byte) Integer.parseInt(p[3])};
    }

    public static byte[] ip6(String text) {
        try {
            return java.net.InetAddress.getByName(text).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    public static byte[] ipv4(String src, String dst, int proto, byte[] payload) {
        return ipv4Fragment(src, dst, proto, 1, 0, false, payload);
    }

    public static byte[] ipv4Fragment(String src, String dst, int proto, int id, int fragmentOffset, boolean more,
                                      byte[] payload) {
        int total = 20 + payload.length;
        int flags = (more ? 0x2000 : 0) | (fragmentOffset >>> 3);
        byte[] h = concat(new byte[]{0x45, 0}, u16(total), u16(id), u16(flags), new byte[]{64, (byte) proto, 0, 0},
                ip4(src), ip4(dst));
        return concat(h, payload);
    }

    public static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        return concat(new byte[]{0x60, 0, 0, 0}, u16(payload.length), new byte[]{(byte) nextHeader, 64}, ip6(src),
                ip6(dst), payload);
    }

    /** An IPv6 extension header of {@code 8 * (units + 1)} bytes (hop-by-hop, routing, destination options). */
    public static byte[] ipv6Extension(int nextHeader, int units) {
        byte[] b = new byte[8 * (units + 1)];
        b[0] = (byte) nextHeader;
        b[1] = (byte) units;
        return b;
    }

    public static byte[] ipv6Fragment(int nextHeader, int fragmentOffset, boolean more, int id) {
        return concat(new byte[]{(byte) nextHeader, 0}, u16(fragmentOffset | (more ? 1 : 0)),
                new byte[]{(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
    }

    public static byte[] tcp(int sport, int dport, int seq, int ack, int flags, byte[] payload) {
        return concat(u16(sport), u16(dport), u32(seq), u32(ack), new byte[]{0x50, (byte) flags}, u16(65535),
                u16(0), u16(0), payload);
    }

    public static byte[] udp(int sport, int dport, byte[] payload) {
        return concat(u16(sport), u16(dport), u16(8 + payload.length), u16(0), payload);
    }

    public static byte[] u32(int v) {
        return new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    public static Frame frame(byte[] data, int linkType, long timestampMicros) {
        return new Frame().set(data, 0, data.length, data.length, timestampMicros, linkType, 1);
    }

    /** An Ethernet frame with an IPv4 TCP segment; MACs follow the last octet of each address. */
    public static Frame tcpFrame(String src, int sport, String dst, int dport, int seq, int ack, int flags,
                                 byte[] payload, long timestampMicros) {
        return frame(ethernet(macOf(dst), macOf(src), EtherTypes.IPV4,
                ipv4(src, dst, 6, tcp(sport, dport, seq, ack, flags, payload))), LinkTypes.ETHERNET, timestampMicros);
    }

    /** An Ethernet frame with an IPv4 UDP datagram; MACs follow the last octet of each address. */
    public static Frame udpFrame(String src, int sport, String dst, int dport, byte[] payload, long timestampMicros) {
        return frame(ethernet(macOf(dst), macOf(src), EtherTypes.IPV4, ipv4(src, dst, 17, udp(sport, dport, payload))),
                LinkTypes.ETHERNET, timestampMicros);
    }

    /** 02:00:00:00:00:NN where NN is the address's last octet. */
    public static long macOf(String ipv4) {
        return 0x020000000000L | (ip4(ipv4)[3] & 0xff);
    }
}
