package io.otsoc.collector.protocol.dhcp;

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
 * Every capture in {@code ../shared/pcaps/dhcp}, and the PROFINET capture whose engineering station asks for an
 * address, through a real collector run: no decoder error, no flow refused, as many DHCP events as tshark counts
 * DHCP messages, none malformed.
 */
class DhcpCapturesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "dhcp/dhcp.pcap                                     | 9",
            "dhcp/dhcp_ack_subscriber_id_and_agent_remote_id.pcap | 1",
            "dhcp/dhcp_discover_param_req_and_client_id.pcap    | 1",
            "dhcp/dhcp_inform.pcap                              | 2",
            "dhcp/dhcp_time_and_nameserver.pcap                 | 2",
            "dhcp/sv-dhcp-eve-extended.pcap                     | 2",
            "dhcp/sv-dhcp-option-52-overload.pcap               | 8",
            "dhcp/sv-dhcp-option-60.pcap                        | 1",
            "profinet/profinet_io_cm_mixed_2.pcapng             | 62"})
    void decodesWithoutErrors(String capture, int messages) {
        List<OtEvent> events = new ArrayList<>();
        CollectorStats stats;
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap(capture)))) {
            stats = new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(DhcpDecoder.PROTOCOL)) {
                    events.add(e);
                }
            });
        }
        System.out.printf("%s: %d dhcp events %s%n", capture, events.size(),
                events.stream().map(OtEvent::action).distinct().toList());
        assertThat(stats.decoderErrors()).isEmpty();
        assertThat(stats.notThisProtocol()).isEmpty();
        assertThat(stats.malformed().getOrDefault(DhcpDecoder.PROTOCOL, 0L)).isZero();
        assertThat(events).hasSize(messages);
    }
}
