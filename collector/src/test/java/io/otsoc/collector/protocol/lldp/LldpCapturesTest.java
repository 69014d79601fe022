package io.otsoc.collector.protocol.lldp;

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
 * Every shared capture with LLDP in it (the lldp folder, and the PROFINET and EtherNet/IP captures full of switch
 * advertisements) through a real collector run: no decoder error, the pinned number of LLDP events, none malformed.
 * The distinct advertisements are printed.
 */
class LldpCapturesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "lldp/lldp.pcap                           | 1",
            "lldp/addroute1.pcapng                    | 10",
            "enip/EIP-SoftwareDownloadFailure.pcap    | 3",
            "enip/EIP-SoftwareUploadFailure.pcap      | 9",
            "profinet/Profinet_Failed.pcap            | 23",
            "profinet/profinet_io_cm_mixed_2.pcapng   | 201"})
    void decodesWithoutErrors(String capture, long expectedEvents) {
        List<OtEvent> events = new ArrayList<>();
        CollectorStats stats;
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap(capture)))) {
            stats = new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(LldpDecoder.PROTOCOL)) {
                    events.add(e);
                }
            });
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (OtEvent e : events) {
            distinct.add(e.action() + " " + e.flow().clientMac() + " " + e.detail() + " "
                    + (e.errorMessage() == null ? "" : e.errorMessage()));
        }
        System.out.println(capture + ": " + events.size() + " lldp events");
        distinct.forEach(d -> System.out.println("  " + d));
        assertThat(stats.decoderErrors()).isEmpty();
        assertThat(stats.malformed().getOrDefault(LldpDecoder.PROTOCOL, 0L)).isZero();
        assertThat((long) events.size()).isEqualTo(expectedEvents);
    }
}
