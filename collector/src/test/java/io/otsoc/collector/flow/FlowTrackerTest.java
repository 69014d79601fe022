package io.otsoc.collector.flow;

import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.capture.Frame;
import io.otsoc.collector.dissect.Dissector;
import io.otsoc.collector.dissect.Packet;
import io.otsoc.collector.dissect.PacketKind;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.otsoc.collector.dissect.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;

class FlowTrackerTest {

    private static final int SYN = Packet.TCP_SYN;
    private static final int ACK = Packet.TCP_ACK;
    private static final int FIN = Packet.TCP_FIN;
    private static final int RST = Packet.TCP_RST;

    private final RecordingFactory modbus = new RecordingFactory("modbus", new int[]{502}, new int[0]);
    private final RecordingFactory dnp3 = new RecordingFactory("dnp3", new int[0], new int[]{20000});
    private final DecoderRegistry registry = DecoderRegistry.of(modbus, dnp3);
    private final Dissector dissector = new Dissector();
    private final Packet packet = new Packet();
    private final List<String> opened = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private FlowTracker tracker = tracker(new CollectorConfig(100, 60_000_000L, 1000, 8, "test"));

    private FlowTracker tracker(CollectorConfig config) {
        return new FlowTracker(config, registry, new ProtocolCounters(registry), e -> { },
                new FlowTracker.Listener() {
                    @Override
                    public void onOpen(Flow flow) {
                        opened.add(flow.toString());
                    }

                    @Override
                    public void onRemove(Flow flow) {
                        removed.add(flow.toString());
                    }
                });
    }

    private Flow feed(Frame frame) {
        PacketKind kind = dissector.dissect(frame, packet);
        assertThat(kind).isIn(PacketKind.TCP, PacketKind.UDP);
        tracker.advanceTime(frame.timestampMicros());
        return tracker.onPacket(packet);
    }

    private Flow seg(String src, int sport, String dst, int dport, int seq, int flags, String data, long ts) {
        return feed(tcpFrame(src, sport, dst, dport, seq, 0, flags, data.getBytes(StandardCharsets.ISO_8859_1), ts));
    }

    private Flow dgram(String src, int sport, String dst, int dport, String data, long ts) {
        return feed(udpFrame(src, sport, dst, dport, data.getBytes(StandardCharsets.ISO_8859_1), ts));
    }

    @Test
    void synSenderIsTheClientAndTheFlowRefIsBuiltOnce() {
        Flow f = seg("10.0.0.9", 40000, "10.0.0.5", 502, 100, SYN, "", 1);
        Flow g = seg("10.0.0.5", 502, "10.0.0.9", 40000, 7000, SYN | ACK, "", 2);
        assertThat(g).isSameAs(f);
        FlowRef r = f.ref();
        assertThat(r.transport()).isEqualTo("tcp");
        assertThat(r.clientIp()).isEqualTo("10.0.0.9");
        assertThat(r.clientPort()).isEqualTo(40000);
        assertThat(r.serverIp()).isEqualTo("10.0.0.5");
        assertThat(r.serverPort()).isEqualTo(502);
        assertThat(r.clientMac()).isEqualTo("02:00:00:00:00:09");
        assertThat(r.serverMac()).isEqualTo("02:00:00:00:00:05");
        assertThat(r.vlanId()).isEqualTo(-1);
        assertThat(r.communityId()).isEqualTo(new CommunityId().of("10.0.0.9", "10.0.0.5", 6, 40000, 502));
        assertThat(f.decoderProtocol()).isEqualTo("modbus");
        assertThat(tracker.flowsCreated()).isEqualTo(1);
        assertThat(f.packetsToServer()).isEqualTo(1);
        assertThat(f.packetsToClient()).isEqualTo(1);
    }

    @Test
    void synAckSeenFirstStillMakesItsReceiverTheClient() {
        Flow f = seg("10.0.0.5", 9999, "10.0.0.9", 1000, 7000, SYN | ACK, "", 1);
        assertThat(f.ref().clientPort()).isEqualTo(1000);
        assertThat(f.ref().serverPort()).isEqualTo(9999);
    }

    @Test
    void withoutSynTheRegisteredPortIsTheServerEvenWhenItIsHigher() {
        Flow f = dgram("10.0.0.5", 20000, "10.0.0.9", 1024, "response", 1);
        assertThat(f.ref().serverPort()).isEqualTo(20000);
        assertThat(f.ref().clientPort()).isEqualTo(1024);
        assertThat(f.decoderProtocol()).isEqualTo("dnp3");
        // Response first: the datagram goes to the decoder whole, towards the client.
        assertThat(dnp3.log).containsExactly("1024 TO_CLIENT response");
    }

    @Test
    void withoutSynOrRegisteredPortTheLowerPortIsTheServer() {
        Flow f = seg("10.0.0.5", 3000, "10.0.0.9", 45000, 1, ACK, "x", 1);
        assertThat(f.ref().serverPort()).isEqualTo(3000);
        assertThat(f.ref().serverIp()).isEqualTo("10.0.0.5");
        Flow same = dgram("10.0.0.1", 7777, "10.0.0.2", 7777, "x", 1);
        assertThat(same.ref().clientIp()).as("equal ports: the first sender is the client").isEqualTo("10.0.0.1");
    }

    @Test
    void vlanIsPartOfTheKey() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 17, udp(5000, 6000, new byte[]{1}));
        Flow a = feed(frame(concat(mac(MAC_B), mac(MAC_A), tag(0x8100, 10), u16(0x0800), ip), 1, 1));
        Flow b = feed(frame(concat(mac(MAC_B), mac(MAC_A), tag(0x8100, 11), u16(0x0800), ip), 1, 2));
        Flow c = feed(frame(concat(mac(MAC_B), mac(MAC_A), tag(0x8100, 10), u16(0x0800), ip), 1, 3));
        assertThat(a).isNotSameAs(b).isSameAs(c);
        assertThat(a.ref().vlanId()).isEqualTo(10);
        assertThat(b.ref().vlanId()).isEqualTo(11);
        assertThat(tracker.flowsCreated()).isEqualTo(2);
    }

    @Test
    void tcpBytesAreReassembledAndTheFlowClosesOnFinBothWays() {
        seg("10.0.0.9", 40000, "10.0.0.5", 502, 100, SYN, "", 1);
        seg("10.0.0.5", 502, "10.0.0.9", 40000, 7000, SYN | ACK, "", 2);
        seg("10.0.0.9", 40000, "10.0.0.5", 502, 104, ACK, "def", 3);  // out of order
        seg("10.0.0.9", 40000, "10.0.0.5", 502, 101, ACK, "abc", 4);
        seg("10.0.0.5", 502, "10.0.0.9", 40000, 7001, ACK | FIN, "resp", 5);
        Flow f = seg("10.0.0.9", 40000, "10.0.0.5", 502, 107, ACK | FIN, "", 6);
        assertThat(modbus.log).containsExactly("40000 TO_SERVER abc", "40000 TO_SERVER def",
                "40000 TO_CLIENT resp", "40000 close@6");
        assertThat(f.closed()).isTrue();
        assertThat(tracker.flowsFinished()).isEqualTo(1);
        // A trailing ACK belongs to the closed flow; a new SYN on the same ports starts a new one.
        assertThat(seg("10.0.0.5", 502, "10.0.0.9", 40000, 7006, ACK, "", 7)).isSameAs(f);
        Flow next = seg("10.0.0.9", 40000, "10.0.0.5", 502, 5000, SYN, "", 8);
        assertThat(next).isNotSameAs(f);
        assertThat(tracker.flowsCreated()).isEqualTo(2);
        assertThat(removed).hasSize(1);
    }

    @Test
    void aFlowOnAnUnregisteredPortGetsTheDecoderThatRecognisesItsContent() {
        RecordingFactory sniffing = new RecordingFactory("sniffed", new int[0], new int[0], "HELLO");
        DecoderRegistry withProbe = DecoderRegistry.of(modbus, sniffing);
        tracker = new FlowTracker(new CollectorConfig(100, 60_000_000L, 1000, 8, "test"), withProbe,
                new ProtocolCounters(withProbe), e -> { }, null);
        seg("10.0.0.9", 40000, "10.0.0.5", 7777, 100, SYN, "", 1);
        seg("10.0.0.9", 40000, "10.0.0.5", 7777, 101, ACK, "noise", 2);
        seg("10.0.0.9", 40000, "10.0.0.5", 7777, 106, ACK, "HELLO there", 3);
        seg("10.0.0.5", 7777, "10.0.0.9", 40000, 900, ACK, "hi", 4);
        assertThat(sniffing.log).as("the recognised segment and what follows reach the decoder")
                .containsExactly("40000 TO_SERVER HELLO there", "40000 TO_CLIENT hi");
        assertThat(tracker.flowsRecognisedByContent()).isEqualTo(1);
        assertThat(modbus.log).isEmpty();

        // Another flow that never looks like anything is shown to the recognisers only a few times.
        int before = sniffing.probes;
        for (int i = 0; i < 10; i++) {
            dgram("10.0.0.9", 5000, "10.0.0.6", 6000, "nothing " + i, 10 + i);
        }
        assertThat(sniffing.probes - before).isEqualTo(FlowTracker.PROBES_PER_FLOW);
        assertThat(sniffing.flows).hasSize(1);
        // A flow on a registered port is never probed.
        before = sniffing.probes;
        seg("10.0.0.9", 40001, "10.0.0.5", 502, 1, ACK, "HELLO", 30);
        assertThat(sniffing.probes).isEqualTo(before);
    }

    @Test
    void rstClosesAtOnce() {
        seg("10.0.0.9", 40000, "10.0.0.5", 502, 100, SYN, "", 1);
        seg("10.0.0.9", 40000, "10.0.0.5", 502, 101, ACK, "abc", 2);
        Flow f = seg("10.0.0.5", 502, "10.0.0.9", 40000, 1, RST, "", 3);
        assertThat(f.closed()).isTrue();
        assertThat(modbus.log).containsExactly("40000 TO_SERVER abc", "40000 close@3");
    }

    @Test
    void idleFlowsTimeOutInCaptureTime() {
        dgram("10.0.0.1", 1024, "10.0.0.2", 20000, "a", 0);
        dgram("10.0.0.3", 1024, "10.0.0.2", 20000, "b", 30_000_000L);
        assertThat(tracker.activeFlows()).isEqualTo(2);
        dgram("10.0.0.4", 1024, "10.0.0.2", 20000, "c", 60_000_001L);   // the first flow is 60 s + 1 µs old
        assertThat(tracker.flowsExpired()).isEqualTo(1);
        assertThat(tracker.activeFlows()).isEqualTo(2);
        assertThat(dnp3.log).containsSubsequence("1024 TO_SERVER a", "1024 close@0", "1024 TO_SERVER c");
        assertThat(removed).containsExactly("udp 10.0.0.1:1024 -> 10.0.0.2:20000");
    }

    @Test
    void fullTableEvictsTheLeastRecentlySeen() {
        tracker = tracker(new CollectorConfig(2, 60_000_000L, 1000, 8, "test"));
        dgram("10.0.0.1", 1024, "10.0.0.2", 20000, "a", 1);
        dgram("10.0.0.3", 1024, "10.0.0.2", 20000, "b", 2);
        dgram("10.0.0.1", 1024, "10.0.0.2", 20000, "a2", 3);  // flow 1 is now the most recent
        dgram("10.0.0.4", 1024, "10.0.0.2", 20000, "c", 4);   // evicts flow 3
        assertThat(tracker.flowsEvicted()).isEqualTo(1);
        assertThat(removed).containsExactly("udp 10.0.0.3:1024 -> 10.0.0.2:20000");
        assertThat(tracker.activeFlows()).isEqualTo(2);
        assertThat(tracker.peakActiveFlows()).isEqualTo(2);
        tracker.closeAll();
        assertThat(removed).containsExactly("udp 10.0.0.3:1024 -> 10.0.0.2:20000",
                "udp 10.0.0.1:1024 -> 10.0.0.2:20000", "udp 10.0.0.4:1024 -> 10.0.0.2:20000");
        assertThat(dnp3.log.stream().filter(s -> s.contains("close"))).hasSize(3);
    }

    @Test
    void manyFlowsGrowTheTableAndAllAreFound() {
        tracker = tracker(new CollectorConfig(100_000, 60_000_000L, 1000, 8, "test"));
        for (int i = 0; i < 5000; i++) {
            dgram("10.1." + (i / 250) + "." + (i % 250), 1024 + i, "10.0.0.2", 9999, "x", i);
        }
        for (int i = 0; i < 5000; i++) {
            dgram("10.0.0.2", 9999, "10.1." + (i / 250) + "." + (i % 250), 1024 + i, "y", 5000 + i);
        }
        assertThat(tracker.flowsCreated()).isEqualTo(5000);
        assertThat(tracker.activeFlows()).isEqualTo(5000);
    }

    @Test
    void ipv6FlowsUseTextualAddresses() {
        byte[] seg = tcp(40000, 502, 1, 0, SYN, new byte[0]);
        Flow f = feed(frame(ipv6("2001:db8::10", "2001:db8:0:0:1::2", 6, seg), 101, 1));
        assertThat(f.ref().clientIp()).isEqualTo("2001:db8::10");
        assertThat(f.ref().serverIp()).isEqualTo("2001:db8::1:0:0:2");
        assertThat(f.ref().clientMac()).isNull();
    }
}
