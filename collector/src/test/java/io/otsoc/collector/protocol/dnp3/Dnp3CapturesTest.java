package io.otsoc.collector.protocol.dnp3;

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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every DNP3 capture under {@code ../shared/pcaps/dnp3}, with or without an oracle, through a real collector run:
 * none may make the decoder throw or be detached, and each must yield DNP3 events. Malformed reports are printed and
 * their number is pinned.
 */
class Dnp3CapturesTest {

    /**
     * dnp3.pcap: see {@link Dnp3OracleTest} (two link-layer reports, three requests whose g60v4 header has the
     * reserved qualifier 0xED); sv-dnp3-max-points.pcap: a response fragment beyond {@link Dnp3Decoder#MAX_FRAGMENT}
     * is dropped, and the flow ends inside the next one.
     */
    private static long expectedMalformed(String capture) {
        return switch (capture) {
            case "dnp3.pcap" -> 5;
            case "sv-dnp3-max-points.pcap" -> 2;
            default -> 0;
        };
    }

    @Test
    void everyCaptureDecodesWithoutDecoderErrors() throws IOException {
        Path dir = SharedFixtures.pcap("dnp3");
        List<Path> captures;
        try (Stream<Path> files = Files.list(dir)) {
            captures = files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                    .sorted().toList();
        }
        assertThat(captures).isNotEmpty();
        for (Path capture : captures) {
            List<String> malformed = new ArrayList<>();
            CollectorStats stats;
            try (PacketSource source = CaptureFiles.open(List.of(capture))) {
                stats = new Collector(CollectorConfig.defaults()).run(source, r -> {
                    if (r instanceof OtEvent e && e.protocol().equals(Dnp3Decoder.PROTOCOL)
                            && e.errorMessage() != null && !e.errorMessage().startsWith("DNP3 IIN")) {
                        malformed.add(e.action() + ": " + e.errorMessage());
                    }
                });
            }
            long events = stats.events().getOrDefault(Dnp3Decoder.PROTOCOL, 0L);
            System.out.printf("%s: %d dnp3 events, %d malformed %s%n", capture.getFileName(), events,
                    stats.malformed().getOrDefault(Dnp3Decoder.PROTOCOL, 0L), malformed);
            assertThat(stats.decoderErrors()).as(capture.toString()).isEmpty();
            assertThat(stats.notThisProtocol()).as(capture.toString()).isEmpty();
            assertThat(events).as(capture.toString()).isPositive();
            assertThat(stats.malformed().getOrDefault(Dnp3Decoder.PROTOCOL, 0L)).as(capture + " " + malformed)
                    .isEqualTo(expectedMalformed(capture.getFileName().toString()));
        }
    }
}
