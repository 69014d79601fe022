package io.otsoc.collector.protocol.snmp;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every SNMP capture under {@code ../shared/pcaps/snmp}, and the SNMP in the mixed substation sample, through a real
 * collector run: none may make the decoder throw or be detached, each must yield SNMP events, and none is malformed.
 */
class SnmpCapturesTest {

    /** Malformed reports per capture: none in any of them. */
    private static long expectedMalformed(String capture) {
        return 0;
    }

    @Test
    void everyCaptureDecodesWithoutDecoderErrors() throws IOException {
        Path dir = SharedFixtures.pcap("snmp");
        List<Path> captures;
        try (Stream<Path> files = Files.list(dir)) {
            captures = Stream.concat(files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")),
                    Stream.of(SharedFixtures.pcap("other/Sample_File_MMS_and_GOOSE.pcap"))).sorted().toList();
        }
        assertThat(captures).hasSizeGreaterThan(1);
        for (Path capture : captures) {
            SnmpCaptureRun run = SnmpCaptureRun.of(capture, capture.getFileName().toString());
            List<String> malformed = run.events().stream().filter(OtEvent::malformed)
                    .map(e -> e.action() + ": " + e.errorMessage()).toList();
            long events = run.stats().events().getOrDefault(SnmpDecoder.PROTOCOL, 0L);
            System.out.printf("%s: %d snmp events (%d messages), %d malformed %s%n", capture.getFileName(), events,
                    run.messages().size(), run.stats().malformed().getOrDefault(SnmpDecoder.PROTOCOL, 0L), malformed);
            assertThat(run.stats().decoderErrors()).as(capture.toString()).isEmpty();
            assertThat(run.stats().notThisProtocol()).as(capture.toString()).doesNotContainKey(SnmpDecoder.PROTOCOL);
            assertThat(events).as(capture.toString()).isPositive();
            assertThat(run.stats().malformed().getOrDefault(SnmpDecoder.PROTOCOL, 0L)).as(capture + " " + malformed)
                    .isEqualTo(expectedMalformed(capture.getFileName().toString()));
        }
    }
}
