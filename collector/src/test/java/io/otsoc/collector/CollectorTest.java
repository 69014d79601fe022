package io.otsoc.collector;

import io.otsoc.collector.capture.Frame;
import io.otsoc.collector.capture.FrameHandler;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.capture.SourceReport;
import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.DecoderRegistry;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.otsoc.collector.dissect.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollectorTest {

    /**
     * A decoder driven by its input: {@code EVENT} emits an event, {@code BAD} reports a malformed message,
     * {@code NOT} disowns the flow, {@code THROW} throws; closing emits a {@code closed} event.
     */
    static final class ScriptedFactory implements ProtocolDecoderFactory {
        final List<String> calls = new ArrayList<>();
        boolean failCreate;

        @Override
        public String protocol() {
            return "scripted";
        }

        @Override
        public int[] tcpPorts() {
            return new int[]{502};
        }

        @Override
        public int[] udpPorts() {
            return new int[]{20000};
        }

        @Override
        public ProtocolDecoder create(FlowRef flow, DecoderOutput out) {
            if (failCreate) {
                throw new IllegalStateException("cannot create");
            }
            return new ProtocolDecoder() {
                @Override
                public void onData(Direction d, byte[] buf, int off, int len, long ts) {
                    String s = new String(buf, off, len, StandardCharsets.US_ASCII);
                    calls.add(flow.clientPort() + " " + s);
                    switch (s) {
                        case "EVENT" -> out.event(new OtEvent(ts, -1, flow, "scripted", "read_thing",
                                EventCategory.READ, Outcome.SUCCESS, null, w -> w.number("n", 1)));
                        case "BAD" -> out.malformed(ts, "length 300 exceeds 254", null);
                        case "NOT" -> out.notThisProtocol(ts, "not a scripted PDU");
                        case "THROW" -> throw new IllegalArgumentException("decoder bug");
                        default -> { }
                    }
                }

                @Override
                public void onGap(Direction d, long missing, long ts) {
                    calls.add(flow.clientPort() + " gap " + missing);
                }

                @Override
                public void onClose(long ts) {
                    calls.add(flow.clientPort() + " close");
                    out.event(new OtEvent(ts, -1, flow, "scripted", "closed", EventCategory.OTHER, Outcome.UNKNOWN,
                            null, w -> { }));
                }
            };
        }
    }

    private final ScriptedFactory scripted = new ScriptedFactory();
    private final Collector collector = new Collector(CollectorConfig.defaults(), DecoderRegistry.of(scripted));
    private final List<DomainRecord> records = new ArrayList<>();

    private static Frame dgram(int clientPort, String text, long ts) {
        return udpFrame("10.0.0.9", clientPort, "10.0.0.5", 20000, text.getBytes(StandardCharsets.US_ASCII), ts);
    }

    private List<OtEvent> events() {
        return records.stream().filter(r -> r instanceof OtEvent).map(r -> (OtEvent) r).toList();
    }

    @Test
    void eventsMalformedMessagesAndAssetsReachTheSink() {
        Collector.Session session = collector.session(records::add);
        session.onFrame(dgram(1000, "EVENT", 10));
        session.onFrame(dgram(1000, "BAD", 20));
        session.onFrame(dgram(1000, "EVENT", 30));
        CollectorStats stats = session.finish();

        List<OtEvent> events = events();
        assertThat(events).extracting(OtEvent::action)
                .containsExactly("read_thing", "malformed_message", "read_thing", "closed");
        OtEvent bad = events.get(1);
        assertThat(bad.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(bad.errorMessage()).isEqualTo("length 300 exceeds 254");
        assertThat(bad.protocol()).isEqualTo("scripted");
        assertThat(bad.timestampMicros()).isEqualTo(20);
        assertThat(bad.flow()).isSameAs(events.get(0).flow());
        assertThat(bad.detail()).isNotNull();
        assertThat(events.get(0).flow().serverPort()).isEqualTo(20000);

        List<Asset> assets = records.stream().filter(r -> r instanceof Asset).map(r -> (Asset) r).toList();
        assertThat(records.subList(records.size() - assets.size(), records.size())).as("assets come last")
                .containsExactlyElementsOf(assets);
        assertThat(assets).extracting(Asset::id).containsExactly("02:00:00:00:00:09", "02:00:00:00:00:05");
        assertThat(assets.get(0).roles()).extracting(r -> r.name() + ": " + r.evidence())
                .containsExactly("scripted_client: sent 3 scripted requests to 10.0.0.5:20000");

        assertThat(stats.frames()).isEqualTo(3);
        assertThat(stats.udp()).isEqualTo(3);
        assertThat(stats.ipv4()).isEqualTo(3);
        assertThat(stats.events()).containsEntry("scripted", 4L);
        assertThat(stats.malformed()).containsEntry("scripted", 1L);
        assertThat(stats.flowsCreated()).isEqualTo(1);
        assertThat(stats.peakActiveFlows()).isEqualTo(1);
        assertThat(stats.assets()).isEqualTo(2);
        assertThat(stats.source().frames()).isEqualTo(3);
        assertThat(session.finish()).as("finish is idempotent").isSameAs(stats);
        assertThatThrownBy(() -> session.onFrame(dgram(1, "x", 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void notThisProtocolDetachesTheDecoder() {
        Collector.Session session = collector.session(records::add);
        session.onFrame(dgram(1000, "NOT", 10));
        session.onFrame(dgram(1000, "EVENT", 20));
        session.onFrame(dgram(1001, "EVENT", 30));
        CollectorStats stats = session.finish();
        assertThat(scripted.calls).containsExactly("1000 NOT", "1001 EVENT", "1001 close");
        assertThat(stats.notThisProtocol()).containsEntry("scripted", 1L);
        assertThat(events()).extracting(e -> e.flow().clientPort()).containsOnly(1001);
    }

    @Test
    void aThrowingDecoderIsDetachedCountedAndThePipelineGoesOn() {
        Collector.Session session = collector.session(records::add);
        session.onFrame(dgram(1000, "THROW", 10));
        session.onFrame(dgram(1000, "EVENT", 20));
        session.onFrame(dgram(1001, "THROW", 30));
        session.onFrame(dgram(1002, "EVENT", 40));
        CollectorStats stats = session.finish();
        assertThat(stats.decoderErrors()).containsEntry("scripted", 2L);
        assertThat(stats.totalDecoderErrors()).isEqualTo(2);
        assertThat(scripted.calls).containsExactly("1000 THROW", "1001 THROW", "1002 EVENT", "1002 close");
        assertThat(events()).extracting(OtEvent::action).containsExactly("read_thing", "closed");
    }

    @Test
    void aFactoryThatFailsLeavesTheFlowWithoutDecoder() {
        scripted.failCreate = true;
        Collector.Session session = collector.session(records::add);
        session.onFrame(dgram(1000, "EVENT", 10));
        CollectorStats stats = session.finish();
        assertThat(stats.decoderErrors()).containsEntry("scripted", 1L);
        assertThat(stats.flowsCreated()).isEqualTo(1);
        assertThat(events()).isEmpty();
    }

    @Test
    void aFailingSinkStopsTheRunWithItsOwnException() {
        Collector.Session session = collector.session(r -> {
            throw new IllegalStateException("disk full");
        });
        assertThatThrownBy(() -> session.onFrame(dgram(1000, "EVENT", 10)))
                .isInstanceOf(IllegalStateException.class).hasMessage("disk full");
        assertThat(session.stats().decoderErrors()).isEmpty();
    }

    @Test
    void tcpStreamsAreReassembledAndClosedAtTheEnd() {
        Collector.Session session = collector.session(records::add);
        byte[] none = new byte[0];
        session.onFrame(tcpFrame("10.0.0.9", 40000, "10.0.0.5", 502, 100, 0, 0x02, none, 1));
        session.onFrame(tcpFrame("10.0.0.5", 502, "10.0.0.9", 40000, 900, 101, 0x12, none, 2));
        session.onFrame(tcpFrame("10.0.0.9", 40000, "10.0.0.5", 502, 106, 901, 0x18, "EVENT".getBytes(), 4));
        session.onFrame(tcpFrame("10.0.0.9", 40000, "10.0.0.5", 502, 101, 901, 0x18, "EVENT".getBytes(), 3));
        // A hole of 10 bytes, then a segment that stays buffered until the end.
        session.onFrame(tcpFrame("10.0.0.9", 40000, "10.0.0.5", 502, 121, 901, 0x18, "BAD".getBytes(), 5));
        CollectorStats stats = session.finish();
        assertThat(scripted.calls).containsExactly("40000 EVENT", "40000 EVENT", "40000 gap 10", "40000 BAD",
                "40000 close");
        assertThat(stats.tcp()).isEqualTo(5);
        assertThat(stats.tcpGaps()).isEqualTo(1);
        assertThat(stats.tcpGapBytes()).isEqualTo(10);
        assertThat(stats.events()).containsEntry("scripted", 4L);
    }

    @Test
    void everyFrameIsCountedOnce() {
        Collector.Session session = collector.session(records::add);
        session.onFrame(dgram(1000, "x", 1));
        session.onFrame(frame(ethernet(0xffffffffffffL, MAC_A, 0x0806, new byte[28]), 1, 2));
        session.onFrame(frame(new byte[5], 1, 3));
        session.onFrame(frame(ipv4("10.0.0.1", "10.0.0.2", 1, new byte[]{8, 0, 0, 0}), 228, 4));
        session.onFrame(frame(ipv4Fragment("10.0.0.1", "10.0.0.2", 17, 9, 0, true, new byte[8]), 228, 5));
        CollectorStats s = session.finish();
        assertThat(s.frames()).isEqualTo(5);
        assertThat(s.tcp() + s.udp() + s.otherIp() + s.nonIp() + s.fragmentsHeld() + s.skippedFrames())
                .isEqualTo(s.frames());
        assertThat(s.nonIpEtherTypes()).containsEntry("0x0806 arp", 1L);
        assertThat(s.skipped()).containsEntry("link_header_truncated", 1L);
        assertThat(s.otherIp()).isEqualTo(1);
        assertThat(s.ipFragments()).isEqualTo(1);
        assertThat(s.summary()).contains("5 frames");
    }

    @Test
    void runDrivesAPacketSource() {
        List<Frame> frames = List.of(dgram(1000, "EVENT", 10), dgram(1000, "EVENT", 20));
        PacketSource source = new PacketSource() {
            @Override
            public String name() {
                return "list";
            }

            @Override
            public void run(FrameHandler handler) {
                frames.forEach(handler::onFrame);
            }

            @Override
            public void stop() {
            }

            @Override
            public SourceReport report() {
                return new SourceReport(2, 0, 0, List.of("a warning"));
            }

            @Override
            public void close() {
            }
        };
        CollectorStats stats = collector.run(source, records::add);
        assertThat(stats.frames()).isEqualTo(2);
        assertThat(stats.source().warnings()).containsExactly("a warning");
        assertThat(events()).hasSize(3);
    }
}
