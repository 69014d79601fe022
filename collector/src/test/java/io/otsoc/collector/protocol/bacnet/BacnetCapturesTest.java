package io.otsoc.collector.protocol.bacnet;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every BACnet capture under {@code ../shared/pcaps/bacnet}, with or without an oracle, through a real collector
 * run: none may make the decoder throw or be detached, each must yield BACnet events, and the malformed reports
 * are pinned by reason.
 */
class BacnetCapturesTest {

    /**
     * bacnet_example.pcap: all 120 ReinitializeDevice exchanges with 172.20.32.250 carry BVLC length 17
     * ({@code 81 0a 00 11}) whatever their size: the requests (with passwords) are 22-25-byte datagrams, the 90
     * Error answers 13 bytes (UDP length 0x15) and the 30 SimpleACKs 9 bytes. Reported, and still decoded from the
     * bytes the datagram holds, as ICSNPP and Wireshark do (both log them); the 90 errors say class services, code
     * password-failure. Reasons are pinned with the datagram
     * sizes replaced by N.
     */
    private static Map<String, Long> expectedMalformed(String capture) {
        return switch (capture) {
            case "bacnet_example.pcap" -> Map.of(
                    "reinitialize_device: request: BVLC length 17 is shorter than the N-byte datagram; response: BVLC "
                            + "length 17 exceeds the N-byte datagram; services: password-failure", 90L,
                    "reinitialize_device: request: BVLC length 17 is shorter than the N-byte datagram; response: BVLC "
                            + "length 17 exceeds the N-byte datagram", 30L);
            default -> Map.of();
        };
    }

    @Test
    void everyCaptureDecodesWithoutDecoderErrors() throws IOException {
        Path dir = SharedFixtures.pcap("bacnet");
        List<Path> captures;
        try (Stream<Path> files = Files.list(dir)) {
            captures = files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                    .sorted().toList();
        }
        assertThat(captures).hasSizeGreaterThanOrEqualTo(4);
        for (Path capture : captures) {
            Map<String, Long> malformed = new TreeMap<>();
            CollectorStats stats;
            try (PacketSource source = CaptureFiles.open(List.of(capture))) {
                stats = new Collector(CollectorConfig.defaults()).run(source, r -> {
                    if (r instanceof OtEvent e && e.protocol().equals(BacnetDecoder.PROTOCOL) && e.malformed()) {
                        malformed.merge(e.action() + ": " + e.errorMessage().replaceAll("\\d+-byte", "N-byte"), 1L,
                                Long::sum);
                    }
                });
            }
            long events = stats.events().getOrDefault(BacnetDecoder.PROTOCOL, 0L);
            System.out.printf("%s: %d bacnet events, %d malformed %s%n", capture.getFileName(), events,
                    stats.malformed().getOrDefault(BacnetDecoder.PROTOCOL, 0L), malformed);
            assertThat(stats.decoderErrors()).as(capture.toString()).isEmpty();
            assertThat(stats.notThisProtocol()).as(capture.toString()).isEmpty();
            assertThat(events).as(capture.toString()).isPositive();
            assertThat(malformed).as(capture.toString())
                    .isEqualTo(expectedMalformed(capture.getFileName().toString()));
        }
    }
}
