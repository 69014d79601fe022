package io.otsoc.collector.protocol.iec104;

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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every capture under {@code ../shared/pcaps/iec104} through a real collector run: none may make the decoder throw
 * or be detached, and each must yield IEC 104 events. Malformed reports are printed and their number pinned.
 */
class Iec104CapturesTest {

    /** The IEC 104 events of one capture, with the run's statistics. */
    record Run(List<OtEvent> events, CollectorStats stats) {
    }

    static Run run(Path capture) {
        List<OtEvent> events = new ArrayList<>();
        CollectorStats stats;
        try (PacketSource source = CaptureFiles.open(List.of(capture))) {
            stats = new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(Iec104Decoder.PROTOCOL)) {
                    events.add(e);
                }
            });
        }
        return new Run(events, stats);
    }

    private static long expectedMalformed(String capture) {
        return switch (capture) {
            // A dissector test capture: junk octets (0x00, 0x01 0x68 0x02, 0x03 0x03 0x03 0x68 0x01 ...) and APDUs
            // with lengths 0-3, an I-format APDU of length 4 and I-format APDUs whose ASDU is 2 or 4 octets long are
            // written between valid APDUs of six connections; one report per stretch of them between two valid
            // APDUs (packets 7-11, 16-18, 23-25, 36, 41, 56-58, 71-75, 83, 94).
            case "TestDissectIec104.pcap" -> 9;
            default -> 0;
        };
    }

    @Test
    void everyCaptureDecodesWithoutDecoderErrors() throws IOException {
        Path dir = SharedFixtures.pcap("iec104");
        List<Path> captures;
        try (Stream<Path> files = Files.list(dir)) {
            captures = files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                    .sorted().toList();
        }
        assertThat(captures).hasSize(3);
        for (Path capture : captures) {
            Run run = run(capture);
            List<String> malformed = new ArrayList<>();
            Map<String, Integer> actions = new TreeMap<>();
            for (OtEvent e : run.events()) {
                actions.merge(e.action(), 1, Integer::sum);
                if (e.malformed() || e.action().equals("malformed_message")) {
                    malformed.add(e.action() + ": " + e.errorMessage());
                }
            }
            long count = run.stats().malformed().getOrDefault(Iec104Decoder.PROTOCOL, 0L);
            System.out.printf("%s: %d iec104 events %s, %d malformed%n", capture.getFileName(), run.events().size(),
                    actions, count);
            malformed.forEach(m -> System.out.println("  " + m));
            if (Boolean.getBoolean("iec104.print")) {
                run.events().forEach(e -> System.out.println("    " + e.timestampMicros() + " " + e.action() + " "
                        + e.category() + " " + e.outcome() + " d=" + e.durationMicros() + " " + e.errorMessage() + " "
                        + e.detail()));
            }
            assertThat(run.stats().decoderErrors()).as(capture.toString()).isEmpty();
            assertThat(run.stats().notThisProtocol()).as(capture.toString()).isEmpty();
            assertThat(run.events()).as(capture.toString()).isNotEmpty();
            assertThat(count).as(capture + " " + malformed).isEqualTo(expectedMalformed(capture.getFileName().toString()));
        }
    }

    /**
     * Content recognition is strict: over every other shared capture (other protocols on their own and on
     * unregistered ports), no flow is taken for IEC 104.
     */
    @Test
    void noOtherCapturesFlowIsRecognisedAsIec104() throws IOException {
        Path pcaps = SharedFixtures.root().resolve("pcaps");
        List<Path> captures;
        try (Stream<Path> files = Files.walk(pcaps)) {
            captures = files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                    .filter(p -> !p.getParent().getFileName().toString().equals("iec104")).sorted().toList();
        }
        assertThat(captures).hasSizeGreaterThan(50);
        List<String> taken = new ArrayList<>();
        for (Path capture : captures) {
            for (OtEvent e : run(capture).events()) {
                taken.add(pcaps.relativize(capture) + " " + e.flow().serverIp() + ":" + e.flow().serverPort() + " "
                        + e.action());
            }
        }
        assertThat(taken).isEmpty();
    }
}
