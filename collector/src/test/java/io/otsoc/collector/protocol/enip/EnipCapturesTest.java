package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every capture under {@code ../shared/pcaps/enip}, with or without an oracle, through a real collector run: none
 * may make a decoder throw or be detached, and the malformed reports are printed and their number pinned.
 */
class EnipCapturesTest {

    /**
     * Malformed reports per capture: none. Every message of these captures frames, and every CIP path, Multiple
     * Service Packet, Unconnected Send, Forward Open/Close and Execute PCCC in them reads within its lengths (the
     * two mid-connection starts, EIP-SoftwareUpload and EIP-FirmwareChangeFailure, resynchronise silently on the
     * first segment that starts with a header, and their one TCP hole each drops only a partial message).
     */
    private static long expectedMalformed(String capture) {
        return 0;
    }

    @Test
    void everyCaptureDecodesWithoutDecoderErrors() throws IOException {
        Path dir = SharedFixtures.pcap("enip");
        List<Path> captures;
        try (Stream<Path> files = Files.list(dir)) {
            captures = files.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                    .sorted().toList();
        }
        assertThat(captures).isNotEmpty();
        for (Path capture : captures) {
            String name = capture.getFileName().toString();
            EnipCaptureRun run = EnipCaptureRun.of(name);
            Map<String, Long> actions = new TreeMap<>(run.events().stream()
                    .collect(Collectors.groupingBy(e -> e.protocol() + ":" + e.action(), Collectors.counting())));
            List<String> malformed = run.events().stream().filter(OtEvent::malformed)
                    .map(e -> e.action() + ": " + e.errorMessage()).toList();
            System.out.printf("%s: %d events %s, %d malformed %s%n", name, run.events().size(), actions,
                    malformed.size(), malformed.stream().limit(8).toList());
            assertThat(run.stats().decoderErrors()).as(name).isEmpty();
            assertThat(run.stats().notThisProtocol()).as(name).isEmpty();
            assertThat(run.malformed()).as(name + " " + malformed).isEqualTo(expectedMalformed(name));
        }
    }
}
