package io.otsoc.collector.protocol.mqtt;

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
 * Every capture under {@code ../shared/pcaps/mqtt}, with or without an oracle, through a real collector run: none
 * may make the decoder throw or be detached, and each must yield MQTT events. Malformed reports are printed and their
 * number is pinned per capture with the reason.
 */
class MqttCapturesTest {

    /**
     * sv-mqtt-events-invalid-qos.pcap: its PUBLISH has fixed header 0x36, QoS 3 (the capture's purpose);
     * sv-mqtt-events-unassigned-msgtype.pcap: a packet of the reserved type 0 (0x00, remaining length 24).
     */
    static long expectedMalformed(String capture) {
        return switch (capture) {
            case "sv-mqtt-events-invalid-qos.pcap", "sv-mqtt-events-unassigned-msgtype.pcap" -> 1;
            default -> 0;
        };
    }

    static List<Path> captures() throws IOException {
        try (Stream<Path> files = Files.list(SharedFixtures.pcap("mqtt"))) {
            return files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                    .sorted().toList();
        }
    }

    /** The MQTT events of one capture under {@code ../shared/pcaps/mqtt}. */
    static List<OtEvent> run(String capture) {
        List<OtEvent> events = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap("mqtt/" + capture)))) {
            new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(MqttDecoder.PROTOCOL)) {
                    events.add(e);
                }
            });
        }
        return events;
    }

    @Test
    void everyCaptureDecodesWithoutDecoderErrors() throws IOException {
        List<Path> captures = captures();
        assertThat(captures).hasSizeGreaterThan(20);
        for (Path capture : captures) {
            List<String> malformed = new ArrayList<>();
            List<String> actions = new ArrayList<>();
            CollectorStats stats;
            try (PacketSource source = CaptureFiles.open(List.of(capture))) {
                stats = new Collector(CollectorConfig.defaults()).run(source, r -> {
                    if (r instanceof OtEvent e && e.protocol().equals(MqttDecoder.PROTOCOL)) {
                        actions.add(e.action() + "/" + e.outcome());
                        if (e.malformed() || e.action().equals("malformed_message")) {
                            malformed.add(e.action() + ": " + e.errorMessage());
                        }
                    }
                });
            }
            long events = stats.events().getOrDefault(MqttDecoder.PROTOCOL, 0L);
            System.out.printf("%s: %d mqtt events %s, %d malformed %s%n", capture.getFileName(), events, actions,
                    stats.malformed().getOrDefault(MqttDecoder.PROTOCOL, 0L), malformed);
            assertThat(stats.decoderErrors()).as(capture.toString()).isEmpty();
            assertThat(stats.notThisProtocol()).as(capture.toString()).isEmpty();
            assertThat(events).as(capture.toString()).isPositive();
            assertThat(stats.malformed().getOrDefault(MqttDecoder.PROTOCOL, 0L)).as(capture + " " + malformed)
                    .isEqualTo(expectedMalformed(capture.getFileName().toString()));
        }
    }
}
