package io.otsoc.collector.dissect;

import io.otsoc.collector.testing.Pcap4jTestSource;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6ExtDestinationOptionsPacket;
import org.pcap4j.packet.IpV6ExtHopByHopOptionsPacket;
import org.pcap4j.packet.IpV6ExtRoutingPacket;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.factory.PacketFactories;
import org.pcap4j.packet.namednumber.DataLinkType;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dissector against an independent parser, pcap4j's packet factories, over every shared capture: for each
 * unfragmented frame that pcap4j reads as TCP or UDP directly over the outermost IP header, the dissector must say
 * the same transport, addresses, ports, sequence number and payload length; and it must not find TCP/UDP where
 * pcap4j does not. Where pcap4j is lenient (an IPv4 header whose version is not 4) the frame must be skipped.
 */
class DissectorPcap4jTest {

    @Test
    void agreesWithPcap4jOnEveryCapture() throws IOException {
        Path root = SharedFixtures.root();
        List<Path> captures;
        try (Stream<Path> files = Stream.concat(Files.walk(root.resolve("pcaps")),
                Files.walk(root.resolve("specs/community-id/pcaps")))) {
            captures = files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                    .sorted().toList();
        }
        List<String> mismatches = new ArrayList<>();
        long[] compared = {0};
        for (Path capture : captures) {
            Dissector dissector = new Dissector();
            Packet p = new Packet();
            try (Pcap4jTestSource source = new Pcap4jTestSource(capture)) {
                source.run(frame -> {
                    byte[] raw = Arrays.copyOfRange(frame.data(), frame.offset(),
                            frame.offset() + frame.capturedLength());
                    PacketKind kind = dissector.dissect(frame, p);
                    org.pcap4j.packet.Packet theirs = PacketFactories.getFactory(org.pcap4j.packet.Packet.class,
                            DataLinkType.class).newInstance(raw, 0, raw.length,
                            DataLinkType.getInstance(frame.linkType()));
                    String problem = compare(kind, p, theirs);
                    if (problem != null && mismatches.size() < 50) {
                        mismatches.add(root.relativize(capture) + " #" + frame.number() + ": " + problem);
                    }
                    if (problem == null && (kind == PacketKind.TCP || kind == PacketKind.UDP)) {
                        compared[0]++;
                    }
                });
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(compared[0]).isGreaterThan(100_000);
    }

    /** Null when both agree (or pcap4j has no opinion), else what differs. */
    private static String compare(PacketKind kind, Packet p, org.pcap4j.packet.Packet theirs) {
        org.pcap4j.packet.Packet ip = null;
        for (org.pcap4j.packet.Packet q = theirs; q != null; q = q.getPayload()) {
            if (q instanceof IpV4Packet || q instanceof IpV6Packet) {
                ip = q;
                break;
            }
        }
        if (ip == null || p.reassembled() || kind == PacketKind.FRAGMENT) {
            return null;
        }
        InetAddress src;
        InetAddress dst;
        org.pcap4j.packet.Packet l4 = ip.getPayload();
        if (ip instanceof IpV4Packet v4) {
            if ((v4.getHeader().getVersion().value() & 0xff) != 4) {
                // pcap4j does not check the version nibble (fuzz-1011.pcap has a version 2 header);
                // Wireshark calls it bogus, and so does the dissector.
                return kind == PacketKind.SKIPPED ? null : "IPv4 header with version "
                        + v4.getHeader().getVersion().value() + " accepted as " + kind;
            }
            if (v4.getHeader().getMoreFragmentFlag() || v4.getHeader().getFragmentOffset() != 0) {
                return null;
            }
            src = v4.getHeader().getSrcAddr();
            dst = v4.getHeader().getDstAddr();
        } else {
            IpV6Packet v6 = (IpV6Packet) ip;
            src = v6.getHeader().getSrcAddr();
            dst = v6.getHeader().getDstAddr();
            while (l4 instanceof IpV6ExtHopByHopOptionsPacket || l4 instanceof IpV6ExtDestinationOptionsPacket
                    || l4 instanceof IpV6ExtRoutingPacket) {
                l4 = l4.getPayload();
            }
        }
        boolean tcp = l4 instanceof TcpPacket;
        boolean udp = l4 instanceof UdpPacket;
        if (!tcp && !udp) {
            return (kind == PacketKind.TCP || kind == PacketKind.UDP)
                    ? "dissector found " + kind + " where pcap4j has " + (l4 == null ? "nothing" : l4.getClass().getSimpleName())
                    : null;
        }
        if (kind != (tcp ? PacketKind.TCP : PacketKind.UDP)) {
            return "pcap4j found " + (tcp ? "TCP" : "UDP") + ", dissector " + kind;
        }
        byte[] s = src.getAddress();
        byte[] d = dst.getAddress();
        if (!Arrays.equals(s, bytes(p.isIpv6(), p.srcHi(), p.srcLo()))
                || !Arrays.equals(d, bytes(p.isIpv6(), p.dstHi(), p.dstLo()))) {
            return "addresses differ: " + src + " -> " + dst;
        }
        int sport;
        int dport;
        int payload;
        if (tcp) {
            TcpPacket t = (TcpPacket) l4;
            sport = t.getHeader().getSrcPort().valueAsInt();
            dport = t.getHeader().getDstPort().valueAsInt();
            if (t.getHeader().getSequenceNumber() != p.tcpSeq()) {
                return "sequence differs";
            }
            payload = t.getPayload() == null ? 0 : t.getPayload().length();
        } else {
            UdpPacket u = (UdpPacket) l4;
            sport = u.getHeader().getSrcPort().valueAsInt();
            dport = u.getHeader().getDstPort().valueAsInt();
            payload = u.getPayload() == null ? 0 : u.getPayload().length();
        }
        if (sport != p.srcPort() || dport != p.dstPort()) {
            return "ports differ: " + sport + " -> " + dport + " vs " + p.srcPort() + " -> " + p.dstPort();
        }
        if (payload != p.payloadLength()) {
            return "payload length " + payload + " vs " + p.payloadLength();
        }
        return null;
    }

    private static byte[] bytes(boolean v6, long hi, long lo) {
        byte[] b = new byte[v6 ? 16 : 4];
        if (v6) {
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (hi >>> (56 - 8 * i));
                b[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
        } else {
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) (lo >>> (24 - 8 * i));
            }
        }
        return b;
    }
}
