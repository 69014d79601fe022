package io.otsoc.collector;

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
import io.otsoc.collector.testing.Pcap4jTestSource;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every capture under {@code ../shared/pcaps} through the whole pipeline, with a counting sink and a fake decoder
 * on the usual OT ports that emits one event per delivery (and a malformed message on every 50th): nothing throws,
 * and the counts agree with each other and with the source.
 */
class CollectorCapturesTest {

    /** Counts what it receives and checks the reassembler's promises: bytes in order, no byte twice. */
    static final class FakeFactory implements ProtocolDecoderFactory {
        long deliveries;
        long bytes;
        long gaps;
        long closes;
        long flows;

        @Override
        public String protocol() {
            return "fake";
        }

        @Override
        public int[] tcpPorts() {
            return new int[]{502, 20000, 102, 44818, 2404, 4840, 1883, 18245, 9600, 1911, 48898, 5007};
        }

        @Override
        public int[] udpPorts() {
            return new int[]{20000, 34964, 47808, 161, 162, 2222, 44818, 5094, 4712, 67, 9600};
        }

        @Override
        public ProtocolDecoder create(FlowRef flow, DecoderOutput out) {
            flows++;
            return new ProtocolDecoder() {
                boolean closed;

                @Override
                public void onData(Direction d, byte[] buf, int off, int len, long ts) {
                    assertThat(closed).isFalse();
                    assertThat(len).isPositive();
                    assertThat(off + len).isLessThanOrEqualTo(buf.length);
                    deliveries++;
                    bytes += len;
                    if (deliveries % 50 == 0) {
                        out.malformed(ts, "fake decoder rejects every 50th delivery", null);
                    } else {
                        out.event(new OtEvent(ts, -1, flow, "fake", "data", EventCategory.OTHER, Outcome.UNKNOWN,
                                null, w -> w.number("length", len)));
                    }
                }

                @Override
                public void onGap(Direction d, long missing, long ts) {
                    assertThat(missing).isPositive();
                    gaps++;
                }

                @Override
                public void onClose(long ts) {
                    assertThat(closed).isFalse();
                    closed = true;
                    closes++;
                }
            };
        }
    }

    static Stream<String> captures() throws IOException {
        Path pcaps = SharedFixtures.root().resolve("pcaps");
        try (Stream<Path> files = Files.walk(pcaps)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> pcaps.relativize(p).toString())
                    .filter(n -> n.endsWith(".pcap") || n.endsWith(".pcapng"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void wholePipelineOverCapture(String capture) {
        FakeFactory fake = new FakeFactory();
        Collector collector = new Collector(CollectorConfig.defaults(), DecoderRegistry.of(fake));
        Map<Class<?>, Long> received = new HashMap<>();
        long[] malformedEvents = {0};
        CollectorStats s;
        try (Pcap4jTestSource source = new Pcap4jTestSource(SharedFixtures.pcap(capture))) {
            s = collector.run(source, (DomainRecord r) -> {
                received.merge(r.getClass(), 1L, Long::sum);
                if (r instanceof OtEvent e && e.outcome() == Outcome.FAILURE) {
                    malformedEvents[0]++;
                }
            });
        }

        assertThat(s.frames()).isEqualTo(s.source().frames()).isPositive();
        assertThat(s.bytes()).isEqualTo(s.source().bytes());
        assertThat(s.tcp() + s.udp() + s.otherIp() + s.nonIp() + s.fragmentsHeld() + s.skippedFrames())
                .as("every frame counted once").isEqualTo(s.frames());
        assertThat(s.nonIpEtherTypes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(s.nonIp());
        assertThat(s.ipv4() + s.ipv6()).isGreaterThanOrEqualTo(s.tcp() + s.udp() + s.otherIp() - s.ipReassembled());
        assertThat(s.decoderErrors()).isEmpty();
        assertThat(s.totalEvents()).isEqualTo(received.getOrDefault(OtEvent.class, 0L));
        assertThat(s.totalMalformed()).isEqualTo(malformedEvents[0]);
        assertThat(fake.deliveries).isEqualTo(s.totalEvents());
        assertThat(s.assets()).isEqualTo(received.getOrDefault(Asset.class, 0L));
        assertThat(s.flowsCreated()).isGreaterThanOrEqualTo(s.peakActiveFlows());
        assertThat(s.flowsCreated()).isLessThanOrEqualTo(s.tcp() + s.udp());
        assertThat(fake.closes).as("every decoder closed once").isEqualTo(fake.flows);
        assertThat(s.tcpGaps()).isEqualTo(fake.gaps);
        if (s.tcp() + s.udp() > 0) {
            assertThat(s.flowsCreated()).isPositive();
            assertThat(s.assets()).isPositive();
        }
    }

    /**
     * Holes in TCP streams against Wireshark's analysis: the expected figures are the number of frames that
     * {@code tshark -r <capture> -Y tcp.analysis.lost_segment} (TShark 4.0.17) lists, i.e. segments after bytes
     * that were never captured. Each such hole must reach a decoder as exactly one gap.
     */
    @ParameterizedTest
    @CsvSource({
            "s7comm/step7_s300_download.pcapng, 59",
            "s7comm/tia_s300_goOnline.pcapng, 223",
            "s7comm/wincc_s400_production.pcapng, 423",
            "s7comm/wincc_s300_setup-alarm-read.pcapng, 41",
            "s7comm/tia_s300_downloadHwConfig.pcapng, 90",
            "enip/EIP-SoftwareUpload.pcap, 1",
            "enip/EIP-FirmwareChangeFailure.pcap, 1",
            "modbus/modbus_test.pcap, 0"})
    void tcpGapsMatchWireshark(String capture, long lostSegments) {
        FakeFactory fake = new FakeFactory();
        Collector collector = new Collector(CollectorConfig.defaults(), DecoderRegistry.of(fake));
        CollectorStats s;
        try (Pcap4jTestSource source = new Pcap4jTestSource(SharedFixtures.pcap(capture))) {
            s = collector.run(source, r -> { });
        }
        assertThat(s.tcpGaps()).isEqualTo(lostSegments);
        assertThat(fake.gaps).isEqualTo(lostSegments);
    }
}
