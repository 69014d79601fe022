package io.otsoc.collector.protocol.opcua;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Every shared OPC UA capture runs through the Collector without a decoder error; malformed reports are pinned. */
class OpcuaCapturesTest {

    /** Malformed messages expected per capture, with the reason (none so far). */
    static final Map<String, Integer> MALFORMED = Map.of();

    @Test
    void everySharedOpcuaCaptureDecodes() throws Exception {
        Path dir = SharedFixtures.pcap("opcua/opcua_with-gap.pcap").getParent();
        List<Path> captures;
        try (var files = Files.list(dir)) {
            captures = files.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng"))
                    .sorted().toList();
        }
        assertThat(captures).hasSizeGreaterThanOrEqualTo(19);
        for (Path f : captures) {
            String name = f.getFileName().toString();
            OpcuaCaptureRun run = OpcuaCaptureRun.of(name);
            Map<String, Long> actions = new TreeMap<>();
            run.events.forEach(e -> actions.merge(e.action(), 1L, Long::sum));
            List<OtEvent> malformed = run.events.stream().filter(OtEvent::malformed).toList();
            System.out.println("opcua capture " + name + ": " + actions + " gaps " + run.firstGapMicros.size());
            malformed.stream().limit(5).forEach(e -> System.out.println("    malformed: " + e.errorMessage()));
            assertThat(run.stats.decoderErrors()).as(name).isEmpty();
            assertThat(run.events).as(name).isNotEmpty();
            assertThat(malformed).as(name).hasSize(MALFORMED.getOrDefault(name, 0));
        }
    }
}
