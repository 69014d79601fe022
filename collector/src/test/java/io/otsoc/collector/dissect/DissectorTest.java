package io.otsoc.collector.dissect;

import io.otsoc.collector.capture.Frame;
import io.otsoc.collector.capture.LinkTypes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.otsoc.collector.dissect.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;

class DissectorTest {

    private final Dissector dissector = new Dissector();
    private final Packet p = new Packet();

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    private PacketKind dissect(byte[] data, int linkType) {
        return dissector.dissect(frame(data, linkType, 1_000_000L), p);
    }

    private String payload() {
        return new String(p.buffer(), p.payloadOffset(), p.payloadLength(), StandardCharsets.US_ASCII);
    }

    @Test
    void ethernetIpv4Tcp() {
        byte[] data = ethernet(MAC_B, MAC_A, 0x0800,
                ipv4("10.0.0.1", "10.0.0.2", 6, tcp(50000, 502, 0xfffffff0, 7, Packet.TCP_PSH | Packet.TCP_ACK, HELLO)));
        assertThat(dissect(data, LinkTypes.ETHERNET)).isEqualTo(PacketKind.TCP);
        assertThat(p.hasMacs()).isTrue();
        assertThat(p.srcMac()).isEqualTo(MAC_A);
        assertThat(p.dstMac()).isEqualTo(MAC_B);
        assertThat(p.vlanId()).isEqualTo(-1);
        assertThat(p.ipVersion()).isEqualTo(4);
        assertThat(p.srcLo()).isEqualTo(0x0a000001L);
        assertThat(p.dstLo()).isEqualTo(0x0a000002L);
        assertThat(p.srcPort()).isEqualTo(50000);
        assertThat(p.dstPort()).isEqualTo(502);
        assertThat(p.tcpSeq()).isEqualTo(0xfffffff0);
        assertThat(p.tcpAck()).isEqualTo(7);
        assertThat(p.hasTcpFlag(Packet.TCP_PSH)).isTrue();
        assertThat(p.hasTcpFlag(Packet.TCP_SYN)).isFalse();
        assertThat(payload()).isEqualTo("hello");
        assertThat(p.payloadWireLength()).isEqualTo(5);
        assertThat(dissector.ipv4()).isEqualTo(1);
    }

    @Test
    void ethernetPaddingIsTrimmedByTheIpTotalLength() {
        byte[] data = concat(ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, new byte[]{9}))),
                new byte[17]);
        assertThat(dissect(data, LinkTypes.ETHERNET)).isEqualTo(PacketKind.UDP);
        assertThat(p.payloadLength()).isEqualTo(1);
        assertThat(p.payloadWireLength()).isEqualTo(1);
    }

    @Test
    void vlanTagsKeepTheOuterId() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, HELLO));
        assertThat(dissect(concat(mac(MAC_B), mac(MAC_A), tag(0x8100, 100), u16(0x0800), ip), LinkTypes.ETHERNET))
                .isEqualTo(PacketKind.UDP);
        assertThat(p.vlanId()).isEqualTo(100);
        assertThat(payload()).isEqualTo("hello");

        byte[] qinq = concat(mac(MAC_B), mac(MAC_A), tag(0x88a8, 10), tag(0x8100, 20), u16(0x0800), ip);
        assertThat(dissect(qinq, LinkTypes.ETHERNET)).isEqualTo(PacketKind.UDP);
        assertThat(p.vlanId()).isEqualTo(10);

        byte[] legacy = concat(mac(MAC_B), mac(MAC_A), tag(0x9100, 4094), tag(0x8100, 5), u16(0x0800), ip);
        assertThat(dissect(legacy, LinkTypes.ETHERNET)).isEqualTo(PacketKind.UDP);
        assertThat(p.vlanId()).isEqualTo(4094);
        assertThat(p.srcPort()).isEqualTo(1);
    }

    @Test
    void vlanTagCutShortIsSkipped() {
        byte[] data = concat(mac(MAC_B), mac(MAC_A), u16(0x8100), new byte[]{0, 1});
        assertThat(dissect(data, LinkTypes.ETHERNET)).isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.VLAN_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void linuxCookedV1AndV2() {
        byte[] ip = ipv4("192.168.1.1", "192.168.1.2", 17, udp(5000, 47808, HELLO));
        // SLL: packet type, ARPHRD_ETHER, address length 6, address (8 bytes), protocol.
        byte[] sll = concat(u16(0), u16(1), u16(6), mac(MAC_A), new byte[2], u16(0x0800), ip);
        assertThat(dissect(sll, LinkTypes.LINUX_SLL)).isEqualTo(PacketKind.UDP);
        assertThat(p.hasMacs()).isFalse();
        assertThat(p.dstPort()).isEqualTo(47808);
        assertThat(payload()).isEqualTo("hello");

        byte[] ip6 = ipv6("fe80::1", "fe80::2", 6, tcp(1, 2, 3, 4, Packet.TCP_ACK, HELLO));
        // SLL2: protocol, reserved, interface index, ARPHRD, packet type, address length, address (8 bytes).
        byte[] sll2 = concat(u16(0x86dd), u16(0), u32(3), u16(1), new byte[]{0, 6}, mac(MAC_A), new byte[2], ip6);
        assertThat(dissect(sll2, LinkTypes.LINUX_SLL2)).isEqualTo(PacketKind.TCP);
        assertThat(p.ipVersion()).isEqualTo(6);
        assertThat(p.srcHi()).isEqualTo(0xfe80000000000000L);
        assertThat(p.srcLo()).isEqualTo(1L);
        assertThat(payload()).isEqualTo("hello");
    }

    @Test
    void nullLoopbackInEitherByteOrder() {
        byte[] ip = ipv4("127.0.0.1", "127.0.0.1", 6, tcp(4840, 50000, 1, 1, Packet.TCP_ACK, HELLO));
        assertThat(dissect(concat(new byte[]{2, 0, 0, 0}, ip), LinkTypes.NULL)).isEqualTo(PacketKind.TCP);
        assertThat(dissect(concat(new byte[]{0, 0, 0, 2}, ip), LinkTypes.NULL)).isEqualTo(PacketKind.TCP);
        byte[] ip6 = ipv6("::1", "::1", 17, udp(1, 2, HELLO));
        assertThat(dissect(concat(new byte[]{30, 0, 0, 0}, ip6), LinkTypes.NULL)).isEqualTo(PacketKind.UDP);
        assertThat(dissect(concat(new byte[]{0, 0, 0, 24}, ip6), LinkTypes.NULL)).isEqualTo(PacketKind.UDP);
        assertThat(dissect(concat(new byte[]{99, 0, 0, 0}, ip), LinkTypes.NULL)).isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.NULL_UNKNOWN_FAMILY)).isEqualTo(1);
    }

    @Test
    void rawAndBareIpLinkTypes() {
        byte[] ip = ipv4("10.1.1.1", "10.1.1.2", 17, udp(1, 2, HELLO));
        byte[] ip6 = ipv6("2001:db8::1", "2001:db8::2", 17, udp(1, 2, HELLO));
        assertThat(dissect(ip, LinkTypes.RAW)).isEqualTo(PacketKind.UDP);
        assertThat(dissect(ip6, LinkTypes.RAW)).isEqualTo(PacketKind.UDP);
        assertThat(p.ipVersion()).isEqualTo(6);
        assertThat(dissect(ip, LinkTypes.IPV4)).isEqualTo(PacketKind.UDP);
        assertThat(dissect(ip6, LinkTypes.IPV6)).isEqualTo(PacketKind.UDP);
        assertThat(dissect(ip6, LinkTypes.IPV4)).isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.IPV4_BAD_VERSION)).isEqualTo(1);
    }

    @Test
    void unsupportedLinkTypeIsCounted() {
        assertThat(dissect(new byte[40], 147)).isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.UNSUPPORTED_LINK_TYPE)).isEqualTo(1);
        assertThat(dissect(new byte[10], LinkTypes.ETHERNET)).isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.LINK_HEADER_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void malformedIpv4HeadersAreCountedPerReason() {
        byte[] good = ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, HELLO));

        byte[] badIhl = good.clone();
        badIhl[0] = 0x44;
        assertThat(dissect(badIhl, LinkTypes.IPV4)).isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.IPV4_BAD_HEADER_LENGTH)).isEqualTo(1);

        byte[] ihlBeyondFrame = Arrays.copyOf(good, 20);
        ihlBeyondFrame[0] = 0x46;
        assertThat(dissect(ihlBeyondFrame, LinkTypes.IPV4)).isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.IPV4_TRUNCATED)).isEqualTo(1);

        byte[] totalBelowHeader = good.clone();
        totalBelowHeader[2] = 0;
        totalBelowHeader[3] = 19;
        assertThat(dissect(totalBelowHeader, LinkTypes.IPV4)).isEqualTo(PacketKind.SKIPPED);

        byte[] totalBeyondFrame = good.clone();
        totalBeyondFrame[3] = (byte) (good.length + 1);
        assertThat(dissect(totalBeyondFrame, LinkTypes.IPV4)).isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.IPV4_BAD_TOTAL_LENGTH)).isEqualTo(2);

        assertThat(dissect(Arrays.copyOf(good, 19), LinkTypes.IPV4)).isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.IPV4_TRUNCATED)).isEqualTo(2);
    }

    @Test
    void snapLengthCutFrameKeepsTheWireLength() {
        byte[] full = ethernet(MAC_B, MAC_A, 0x0800,
                ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, 100, 0, Packet.TCP_ACK, new byte[100])));
        Frame cut = new Frame().set(full, 0, full.length - 60, full.length, 1, LinkTypes.ETHERNET, 1);
        assertThat(dissector.dissect(cut, p)).isEqualTo(PacketKind.TCP);
        assertThat(p.payloadLength()).isEqualTo(40);
        assertThat(p.payloadWireLength()).isEqualTo(100);
        assertThat(dissector.truncatedPayloads()).isEqualTo(1);
    }

    @Test
    void malformedTransportHeaders() {
        byte[] shortTcp = ipv4("10.0.0.1", "10.0.0.2", 6, new byte[12]);
        assertThat(dissect(shortTcp, LinkTypes.IPV4)).isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.TCP_TRUNCATED)).isEqualTo(1);

        byte[] segment = tcp(1, 2, 0, 0, Packet.TCP_ACK, HELLO);
        segment[12] = 0x40; // data offset 4 words < 5
        assertThat(dissect(ipv4("10.0.0.1", "10.0.0.2", 6, segment), LinkTypes.IPV4)).isEqualTo(PacketKind.SKIPPED);
        segment[12] = (byte) 0xf0; // 60 bytes > 25-byte segment
        assertThat(dissect(ipv4("10.0.0.1", "10.0.0.2", 6, segment), LinkTypes.IPV4)).isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.TCP_BAD_DATA_OFFSET)).isEqualTo(2);

        byte[] datagram = udp(1, 2, HELLO);
        datagram[5] = 7; // length below the header
        assertThat(dissect(ipv4("10.0.0.1", "10.0.0.2", 17, datagram), LinkTypes.IPV4)).isEqualTo(PacketKind.SKIPPED);
        datagram[5] = 14; // one more than the IP payload
        assertThat(dissect(ipv4("10.0.0.1", "10.0.0.2", 17, datagram), LinkTypes.IPV4)).isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.UDP_BAD_LENGTH)).isEqualTo(2);
        datagram[5] = 10; // shorter than the IP payload: the UDP length wins
        assertThat(dissect(ipv4("10.0.0.1", "10.0.0.2", 17, datagram), LinkTypes.IPV4)).isEqualTo(PacketKind.UDP);
        assertThat(payload()).isEqualTo("he");

        assertThat(dissect(ipv4("10.0.0.1", "10.0.0.2", 17, new byte[5]), LinkTypes.IPV4))
                .isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.UDP_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void ipv6ExtensionHeadersAreSkipped() {
        byte[] chain = concat(ipv6Extension(60, 0), ipv6Extension(43, 1), ipv6Extension(6, 0),
                tcp(40000, 20000, 1, 2, Packet.TCP_ACK, HELLO));
        assertThat(dissect(ipv6("2001:db8::1", "2001:db8::2", 0, chain), LinkTypes.RAW)).isEqualTo(PacketKind.TCP);
        assertThat(p.ipProto()).isEqualTo(6);
        assertThat(p.dstPort()).isEqualTo(20000);
        assertThat(payload()).isEqualTo("hello");

        byte[] atomic = concat(ipv6Fragment(17, 0, false, 9), udp(7, 8, HELLO));
        assertThat(dissect(ipv6("2001:db8::1", "2001:db8::2", 44, atomic), LinkTypes.RAW)).isEqualTo(PacketKind.UDP);

        byte[] cut = ipv6("2001:db8::1", "2001:db8::2", 0, new byte[]{6, 4, 0, 0, 0, 0, 0, 0});
        assertThat(dissect(cut, LinkTypes.RAW)).isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.IPV6_EXTENSION_TRUNCATED)).isEqualTo(1);

        byte[] noNext = ipv6("2001:db8::1", "2001:db8::2", 59, new byte[0]);
        assertThat(dissect(noNext, LinkTypes.RAW)).isEqualTo(PacketKind.OTHER_IP);
    }

    @Test
    void ipv4FragmentsAreReassembledInAnyOrder() {
        byte[] datagram = udp(1000, 2000, "0123456789abcdefghijklmnopqrstuvwxyzABCD".getBytes(StandardCharsets.US_ASCII));
        // 48 bytes: fragments of 16, 16 and 16 bytes, sent last, first, middle.
        byte[] f0 = Arrays.copyOfRange(datagram, 0, 16);
        byte[] f1 = Arrays.copyOfRange(datagram, 16, 32);
        byte[] f2 = Arrays.copyOfRange(datagram, 32, 48);
        assertThat(dissect(ipv4Fragment("10.0.0.1", "10.0.0.2", 17, 77, 32, false, f2), LinkTypes.IPV4))
                .isEqualTo(PacketKind.FRAGMENT);
        assertThat(dissect(ipv4Fragment("10.0.0.1", "10.0.0.2", 17, 77, 0, true, f0), LinkTypes.IPV4))
                .isEqualTo(PacketKind.FRAGMENT);
        // A second copy of the first fragment with other bytes: the first copy wins.
        byte[] evil = f0.clone();
        evil[10] = 'X';
        assertThat(dissect(ipv4Fragment("10.0.0.1", "10.0.0.2", 17, 77, 0, true, evil), LinkTypes.IPV4))
                .isEqualTo(PacketKind.FRAGMENT);
        assertThat(dissect(ipv4Fragment("10.0.0.1", "10.0.0.2", 17, 77, 16, true, f1), LinkTypes.IPV4))
                .isEqualTo(PacketKind.UDP);
        assertThat(p.reassembled()).isTrue();
        assertThat(p.srcPort()).isEqualTo(1000);
        assertThat(payload()).isEqualTo("0123456789abcdefghijklmnopqrstuvwxyzABCD");
        assertThat(dissector.fragmentFrames()).isEqualTo(4);
        assertThat(dissector.fragments().completedDatagrams()).isEqualTo(1);
        assertThat(dissector.count(PacketKind.FRAGMENT)).isEqualTo(3);
    }

    @Test
    void fragmentRulesAndTimeout() {
        // A non-final fragment must carry a multiple of 8 bytes.
        assertThat(dissect(ipv4Fragment("10.0.0.1", "10.0.0.2", 17, 1, 0, true, new byte[12]), LinkTypes.IPV4))
                .isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.FRAGMENT_BAD_LENGTH)).isEqualTo(1);
        // Data beyond 65,535 bytes.
        assertThat(dissect(ipv4Fragment("10.0.0.1", "10.0.0.2", 17, 2, 65528, false, new byte[16]), LinkTypes.IPV4))
                .isEqualTo(PacketKind.SKIPPED);
        assertThat(dissector.skipped(SkipReason.FRAGMENT_TOO_LARGE)).isEqualTo(1);

        // The first half at t=0, the second 31 s later: the datagram timed out (30 s) and the tail waits alone.
        Dissector d = new Dissector(new FragmentReassembler(4, 30_000_000L));
        byte[] datagram = udp(1, 2, new byte[24]);
        d.dissect(frame(ipv4Fragment("10.0.0.1", "10.0.0.2", 17, 5, 0, true, Arrays.copyOf(datagram, 16)),
                LinkTypes.IPV4, 0), p);
        PacketKind late = d.dissect(frame(ipv4Fragment("10.0.0.1", "10.0.0.2", 17, 5, 16, false,
                Arrays.copyOfRange(datagram, 16, 32)), LinkTypes.IPV4, 31_000_000L), p);
        assertThat(late).isEqualTo(PacketKind.FRAGMENT);
        assertThat(d.fragments().droppedDatagrams()).isEqualTo(1);
        assertThat(d.fragments().pending()).isEqualTo(1);
    }

    @Test
    void pendingDatagramsAreBounded() {
        Dissector d = new Dissector(new FragmentReassembler(2, 30_000_000L));
        for (int id = 1; id <= 3; id++) {
            d.dissect(frame(ipv4Fragment("10.0.0.1", "10.0.0.2", 17, id, 0, true, new byte[8]), LinkTypes.IPV4, id), p);
        }
        assertThat(d.fragments().pending()).isEqualTo(2);
        assertThat(d.fragments().droppedDatagrams()).isEqualTo(1);
        // Datagram 1 was the oldest and is gone: its tail cannot complete it.
        assertThat(d.dissect(frame(ipv4Fragment("10.0.0.1", "10.0.0.2", 17, 1, 8, false, new byte[8]),
                LinkTypes.IPV4, 5), p)).isEqualTo(PacketKind.FRAGMENT);
        // Datagram 3 completes.
        assertThat(d.dissect(frame(ipv4Fragment("10.0.0.1", "10.0.0.2", 17, 3, 8, false, udp(1, 2, new byte[0])),
                LinkTypes.IPV4, 6), p)).isEqualTo(PacketKind.SKIPPED);
        assertThat(d.skipped(SkipReason.UDP_BAD_LENGTH)).as("8 zero bytes are a UDP header of length 0").isEqualTo(1);
    }

    @Test
    void ipv6FragmentsAreReassembled() {
        byte[] segment = tcp(40000, 502, 10, 20, Packet.TCP_ACK | Packet.TCP_PSH,
                "modbus!modbus!modbus!".getBytes(StandardCharsets.US_ASCII));
        byte[] head = Arrays.copyOf(segment, 24);
        byte[] tail = Arrays.copyOfRange(segment, 24, segment.length);
        byte[] a = ipv6("2001:db8::1", "2001:db8::2", 44, concat(ipv6Fragment(6, 0, true, 0x01020304), head));
        byte[] b = ipv6("2001:db8::1", "2001:db8::2", 44, concat(ipv6Fragment(6, 24, false, 0x01020304), tail));
        assertThat(dissect(b, LinkTypes.RAW)).isEqualTo(PacketKind.FRAGMENT);
        assertThat(dissect(a, LinkTypes.RAW)).isEqualTo(PacketKind.TCP);
        assertThat(p.reassembled()).isTrue();
        assertThat(p.dstPort()).isEqualTo(502);
        assertThat(payload()).isEqualTo("modbus!modbus!modbus!");
    }

    @Test
    void nonIpFramesAreCountedPerEtherType() {
        assertThat(dissect(ethernet(0xffffffffffffL, MAC_A, 0x0806, new byte[28]), LinkTypes.ETHERNET))
                .isEqualTo(PacketKind.NON_IP);
        assertThat(dissect(ethernet(0x0180c200000eL, MAC_A, 0x88cc, new byte[30]), LinkTypes.ETHERNET))
                .isEqualTo(PacketKind.NON_IP);
        assertThat(dissect(ethernet(0x010ecf000000L, MAC_A, 0x8892, new byte[30]), LinkTypes.ETHERNET))
                .isEqualTo(PacketKind.NON_IP);
        assertThat(dissect(concat(mac(0x010ccd010001L), mac(MAC_A), tag(0x8100, 3), u16(0x88b8), new byte[30]),
                LinkTypes.ETHERNET)).isEqualTo(PacketKind.NON_IP);
        assertThat(p.vlanId()).isEqualTo(3);
        // 802.3 length + LLC/SNAP with OUI 0 and EtherType ARP.
        byte[] snapArp = concat(mac(MAC_B), mac(MAC_A), u16(36), new byte[]{(byte) 0xaa, (byte) 0xaa, 3, 0, 0, 0},
                u16(0x0806), new byte[28]);
        assertThat(dissect(snapArp, LinkTypes.ETHERNET)).isEqualTo(PacketKind.NON_IP);
        // Spanning tree: LLC DSAP 0x42.
        byte[] stp = concat(mac(0x0180c2000000L), mac(MAC_A), u16(38), new byte[]{0x42, 0x42, 3}, new byte[35]);
        assertThat(dissect(stp, LinkTypes.ETHERNET)).isEqualTo(PacketKind.NON_IP);

        assertThat(dissector.nonIp(EtherTypes.ARP)).isEqualTo(2);
        assertThat(dissector.nonIp(EtherTypes.LLDP)).isEqualTo(1);
        assertThat(dissector.nonIp(EtherTypes.PROFINET)).isEqualTo(1);
        assertThat(dissector.nonIp(EtherTypes.GOOSE)).isEqualTo(1);
        assertThat(dissector.nonIp(EtherTypes.LLC)).isEqualTo(1);
        assertThat(dissector.count(PacketKind.NON_IP)).isEqualTo(6);
        assertThat(EtherTypes.label(EtherTypes.LLDP)).isEqualTo("0x88cc lldp");
        assertThat(EtherTypes.label(0x1234)).isEqualTo("0x1234");
    }

    @Test
    void snapEncapsulatedIpv4IsDissected() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, HELLO));
        byte[] frame = concat(mac(MAC_B), mac(MAC_A), u16(8 + ip.length),
                new byte[]{(byte) 0xaa, (byte) 0xaa, 3, 0, 0, 0}, u16(0x0800), ip);
        assertThat(dissect(frame, LinkTypes.ETHERNET)).isEqualTo(PacketKind.UDP);
        assertThat(payload()).isEqualTo("hello");
    }
}
