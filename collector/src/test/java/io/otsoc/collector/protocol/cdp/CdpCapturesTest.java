package io.otsoc.collector.protocol.cdp;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared captures with CDP in them (the EtherNet/IP captures full of switch advertisements) through a real
 * collector run: no decoder error, as many CDP events as tshark finds CDP frames, none malformed, checksums valid.
 * The distinct advertisements are printed.
 */
class CdpCapturesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "enip/EIP-SoftwareDownloadFailure.pcap    | 1",
            "enip/EIP-SoftwareUploadFailure.pcap      | 5"})
    void decodesWithoutErrors(String capture, long expectedEvents) {
        List<OtEvent> events = new ArrayList<>();
        CollectorStats stats;
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap(capture)))) {
            stats = new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(CdpDecoder.PROTOCOL)) {
                    events.add(e);
                }
            });
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (OtEvent e : events) {
            distinct.add(e.action() + " " + e.flow().clientMac() + " " + e.detail() + " "
                    + (e.errorMessage() == null ? "" : e.errorMessage()));
        }
        System.out.println(capture + ": " + events.size() + " cdp events");
        distinct.forEach(d -> System.out.println("  " + d));
        assertThat(stats.decoderErrors()).isEmpty();
        assertThat(stats.malformed().getOrDefault(CdpDecoder.PROTOCOL, 0L)).isZero();
        assertThat((long) events.size()).isEqualTo(expectedEvents);
        assertThat(events).allSatisfy(e -> assertThat(((CdpDetail) e.detail()).checksumValid()).isTrue());
    }
}
