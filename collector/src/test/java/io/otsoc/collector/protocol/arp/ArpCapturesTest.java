package io.otsoc.collector.protocol.arp;

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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every capture in {@code ../shared/pcaps/arp}, and the captures full of ARP noise (EtherNet/IP, PROFINET, the
 * Beckhoff engineering host), through a real collector run: no decoder error; as many ARP message events as tshark
 * counts ARP frames; malformed reports and binding changes pinned.
 *
 * <p>arp-leak.pcap: all six frames declare a hardware or protocol address length of 255 (Zeek's "corrupt-arp-header"
 * too). Binding changes: none of these captures moves an address to another MAC.
 */
class ArpCapturesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "arp/arp-leak.pcap                        |  6 | 6 | 0",
            "arp/arp-who-has.pcap                     |  2 | 0 | 0",
            "arp/linuxsll-arp.pcap                    | 12 | 0 | 0",
            "arp/snap-arp.pcapng                      |  4 | 0 | 0",
            "arp/sv-decode-arp-1.pcap                 |  1 | 0 | 0",
            "arp/sv-decode-arp-2.pcap                 |  4 | 0 | 0",
            "lldp/addroute1.pcapng                    | 52 | 0 | 0",
            "enip/EIP-SoftwareDownloadFailure.pcap    | 50 | 0 | 0",
            "enip/EIP-SoftwareUploadFailure.pcap      | 33 | 0 | 0",
            "profinet/Profinet_Failed.pcap            | 17 | 0 | 0",
            "profinet/profinet_io_cm_mixed_2.pcapng   | 19 | 0 | 0"})
    void decodesWithoutErrors(String capture, int messages, long malformed, int changes) {
        List<OtEvent> events = new ArrayList<>();
        CollectorStats stats;
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap(capture)))) {
            stats = new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(ArpDecoder.PROTOCOL)) {
                    events.add(e);
                }
            });
        }
        long bindingChanges = events.stream().filter(e -> e.action().equals(ArpDecoder.BINDING_CHANGED)).count();
        long gratuitous = events.stream().filter(e -> ((ArpDetail) e.detail()).gratuitous()).count();
        System.out.printf("%s: %d arp events, %d malformed, %d gratuitous, %d binding changes%n", capture,
                events.size(), stats.malformed().getOrDefault(ArpDecoder.PROTOCOL, 0L), gratuitous, bindingChanges);
        assertThat(stats.decoderErrors()).isEmpty();
        assertThat(events.size() - bindingChanges).isEqualTo(messages);
        assertThat(stats.malformed().getOrDefault(ArpDecoder.PROTOCOL, 0L)).isEqualTo(malformed);
        assertThat(bindingChanges).isEqualTo(changes);
    }
}
