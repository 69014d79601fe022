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

    /**
     * Cross-check with Wireshark's IEC 104 dissector ({@code tshark -Y iec60870_asdu -T fields -e
     * iec60870_asdu.typeid} and {@code -e iec60870_104.type}, version 4.x): ASDUs per type identification and
     * U-format APDUs per capture. In TestDissectIec104.pcap Wireshark also counts two ASDUs of type 24 and two of
     * type 26 and one more U-format APDU: they are the injected {@code 68 06 18 18...}, {@code 68 08 1a 1a...} and
     * {@code 68 05 17 17...} APDUs whose ASDU is 2 or 4 octets (shorter than the 6-octet data unit identifier) or
     * whose U control field sets several function bits; we report them within the malformed stretches pinned above.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "090813_diverse.pcap | 1:1 13:14 30:8 45:5 46:6 50:10 58:5 59:10 61:5 63:5 100:3 | 4",
            "TestDissectIec104.pcap | 1:1 3:1 30:1 45:7 46:2 70:2 100:3 103:2 | 26",
            "iec104.pcap | 1:3 3:3 5:3 7:3 9:3 11:3 13:3 30:3 31:3 32:3 33:3 34:3 35:3 36:3 45:6 46:6 47:6 48:6 49:6"
                    + " 50:6 51:6 70:1 100:6 | 10"})
    void asduTypesAndUnnumberedFramesAgreeWithWireshark(String capture, String types, int unnumbered) {
        Map<Integer, Integer> expected = new TreeMap<>();
        for (String pair : types.trim().split(" ")) {
            String[] kv = pair.split(":");
            expected.put(Integer.parseInt(kv[0]), Integer.parseInt(kv[1]));
        }
        Map<Integer, Integer> ours = new TreeMap<>();
        int u = 0;
        for (OtEvent e : run(SharedFixtures.pcap("iec104/" + capture)).events()) {
            if (e.detail() instanceof Iec104Detail d && d.frameFormat().equals("I") && !e.malformed()) {
                ours.merge(d.typeId(), 1, Integer::sum);
            } else if (e.detail() instanceof Iec104Detail d && d.frameFormat().equals("U")) {
                u++;
            }
        }
        System.out.printf("%s: ASDU types %s (Wireshark %s), U-format %d (Wireshark %d)%n", capture, ours, expected,
                u, unnumbered);
        assertThat(ours).isEqualTo(expected);
        assertThat(u).isEqualTo(unnumbered);
    }
}
