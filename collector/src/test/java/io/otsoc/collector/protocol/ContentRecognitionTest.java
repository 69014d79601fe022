package io.otsoc.collector.protocol;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.Frame;
import io.otsoc.collector.capture.LinkTypes;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocols recognised by content on ports no decoder registered: a real capture is replayed with its server port
 * moved (e.g. DNP3 from 20000 to 20001, as some outstations are configured), and the decoder must find the traffic
 * and decode it as it does on the standard port. Capture starts mid-connection are allowed to cost the messages
 * before the first recognisable payload, nothing more.
 */
class ContentRecognitionTest {

    @ParameterizedTest(name = "{0} moved from {2} to {3}")
    @CsvSource({
            "dnp3/dnp3_example.pcap,                      dnp3,   20000, 20001",
            "dnp3/dnp3_udp_read.pcap,                     dnp3,   20000, 20001",
            "modbus/modbus_example.pcap,                  modbus, 502,   5020",
            "s7comm/s7comm_reading_plc_status.pcap,       s7comm, 102,   1102"})
    void decodesTheSameOnAnotherPort(String capture, String protocol, int standardPort, int movedPort) {
        Map<String, Integer> onStandard = actions(capture, protocol, standardPort, standardPort);
        Map<String, Integer> onMoved = actions(capture, protocol, standardPort, movedPort);
        int standardTotal = onStandard.values().stream().mapToInt(Integer::intValue).sum();
        int movedTotal = onMoved.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(standardTotal).isPositive();
        assertThat(movedTotal).as("%s events on port %d (%s) vs %d (%s)", protocol, movedPort, onMoved,
                standardPort, onStandard).isGreaterThanOrEqualTo((int) Math.ceil(standardTotal * 0.99));
        assertThat(onMoved.keySet()).isEqualTo(onStandard.keySet());
    }

    /** Events per action of {@code protocol}, with the port {@code from} rewritten to {@code to} in every frame. */
    private static Map<String, Integer> actions(String capture, String protocol, int from, int to) {
        Map<String, Integer> actions = new TreeMap<>();
        CollectorStats stats;
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap(capture)))) {
            Collector collector = new Collector(CollectorConfig.defaults());
            Collector.Session session = collector.session(r -> {
                if (r instanceof OtEvent e && e.protocol().equals(protocol)) {
                    actions.merge(e.action(), 1, Integer::sum);
                }
            });
            Frame moved = new Frame();
            source.run(frame -> session.onFrame(from == to ? frame : movePort(frame, moved, from, to)));
            stats = session.finish();
        }
        assertThat(stats.decoderErrors()).isEmpty();
        return actions;
    }

    /** A copy of an Ethernet/IPv4 TCP or UDP frame with the port rewritten on both ends; other frames as they are. */
    private static Frame movePort(Frame frame, Frame into, int from, int to) {
        if (frame.linkType() != LinkTypes.ETHERNET || frame.capturedLength() < 14 + 20 + 4) {
            return frame;
        }
        byte[] b = Arrays.copyOfRange(frame.data(), frame.offset(), frame.offset() + frame.capturedLength());
        if ((b[12] & 0xFF) != 0x08 || b[13] != 0x00 || (b[14] & 0xF0) != 0x40) {
            return frame;
        }
        int proto = b[23] & 0xFF;
        int l4 = 14 + (b[14] & 0x0F) * 4;
        if ((proto != 6 && proto != 17) || l4 + 4 > b.length) {
            return frame;
        }
        for (int at = l4; at <= l4 + 2; at += 2) {
            if (((b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF)) == from) {
                b[at] = (byte) (to >>> 8);
                b[at + 1] = (byte) to;
            }
        }
        return into.set(b, 0, b.length, frame.originalLength(), frame.timestampMicros(), frame.linkType(),
                frame.number());
    }
}
