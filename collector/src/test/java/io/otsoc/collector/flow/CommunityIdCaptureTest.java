package io.otsoc.collector.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.dissect.Dissector;
import io.otsoc.collector.dissect.Packet;
import io.otsoc.collector.dissect.PacketKind;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderRegistry;
import io.otsoc.collector.testing.Pcap4jTestSource;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Community ID spec's captures through the dissector and flow tracker: every TCP/UDP flow's ID, and every
 * ICMP/ICMPv6/SCTP/port-less packet's ID, must be the baseline value for the same endpoints
 * ({@code baseline_deflt.json}: seed 0, base64).
 */
class CommunityIdCaptureTest {

    @TempDir
    Path temp;

    /** proto|saddr|daddr|sport|dport -> ID, as the baseline lists them (both directions appear). */
    private static Map<String, String> baseline() throws IOException {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode r : new ObjectMapper().readTree(
                SharedFixtures.spec("community-id/baseline/baseline_deflt.json").toFile())) {
            ids.put(key(r.get("proto").asInt(), r.get("saddr").asText(), r.get("daddr").asText(),
                    r.get("sport").isNull() ? -1 : r.get("sport").asInt(),
                    r.get("dport").isNull() ? -1 : r.get("dport").asInt()), r.get("communityid").asText());
        }
        return ids;
    }

    private static String key(int proto, String saddr, String daddr, int sport, int dport) {
        return proto + "|" + saddr + "|" + daddr + "|" + sport + "|" + dport;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp.pcap", "udp.pcap", "icmp.pcap", "icmp6.pcap", "ipv6.pcap", "sctp.pcap", "rsvp.pcap",
            "arp.pcap", "combined.pcap.gz"})
    void everyFlowMatchesTheBaseline(String name) throws IOException {
        Path capture = SharedFixtures.spec("community-id/pcaps/" + name);
        if (name.endsWith(".gz")) {
            Path plain = temp.resolve(name.substring(0, name.length() - 3));
            try (InputStream in = new GZIPInputStream(Files.newInputStream(capture))) {
                Files.copy(in, plain);
            }
            capture = plain;
        }
        Map<String, String> expected = baseline();
        List<FlowRef> flows = new ArrayList<>();
        DecoderRegistry none = DecoderRegistry.empty();
        FlowTracker tracker = new FlowTracker(CollectorConfig.defaults(), none, new ProtocolCounters(none), e -> { },
                new FlowTracker.Listener() {
                    @Override
                    public void onOpen(Flow flow) {
                        flows.add(flow.ref());
                    }

                    @Override
                    public void onRemove(Flow flow) {
                    }
                });
        Dissector dissector = new Dissector();
        Packet p = new Packet();
        CommunityId ids = new CommunityId();
        List<String> checked = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        try (Pcap4jTestSource source = new Pcap4jTestSource(capture)) {
            source.run(frame -> {
                PacketKind kind = dissector.dissect(frame, p);
                if (kind == PacketKind.TCP || kind == PacketKind.UDP) {
                    tracker.onPacket(p);
                } else if (kind == PacketKind.OTHER_IP) {
                    boolean v6 = p.isIpv6();
                    String s = AddressText.ip(v6, p.srcHi(), p.srcLo());
                    String d = AddressText.ip(v6, p.dstHi(), p.dstLo());
                    String got;
                    String key;
                    if (p.icmpType() >= 0) {
                        got = ids.ofIcmp(v6, p.srcHi(), p.srcLo(), p.dstHi(), p.dstLo(), p.icmpType(), p.icmpCode());
                        int type = p.icmpType();
                        int counterpart = v6 ? CommunityId.icmp6Counterpart(type) : CommunityId.icmp4Counterpart(type);
                        key = key(p.ipProto(), s, d, type, counterpart < 0 ? p.icmpCode() : counterpart);
                    } else {
                        got = ids.of(v6, p.srcHi(), p.srcLo(), p.dstHi(), p.dstLo(), p.ipProto(), p.srcPort(),
                                p.dstPort());
                        key = key(p.ipProto(), s, d, p.srcPort(), p.dstPort());
                    }
                    check(expected, key, got, checked, wrong);
                }
            });
        }
        for (FlowRef f : flows) {
            int proto = f.transport().equals("tcp") ? 6 : 17;
            check(expected, key(proto, f.clientIp(), f.serverIp(), f.clientPort(), f.serverPort()), f.communityId(),
                    checked, wrong);
        }
        assertThat(wrong).isEmpty();
        if (name.equals("arp.pcap")) {
            assertThat(checked).isEmpty();
        } else {
            assertThat(checked).isNotEmpty();
        }
    }

    private static void check(Map<String, String> expected, String key, String got, List<String> checked,
                              List<String> wrong) {
        String want = expected.get(key);
        if (want == null) {
            wrong.add(key + ": not in the baseline (got " + got + ")");
        } else if (!want.equals(got)) {
            wrong.add(key + ": expected " + want + ", got " + got);
        } else {
            checked.add(key);
        }
    }
}
