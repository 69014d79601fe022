package io.otsoc.collector.protocol.snmp;

import io.otsoc.collector.model.AssetFacts;
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

    /**
     * Events per capture: one per exchange (request with its response, or a trap), so half the datagrams where every
     * request is answered. snmpv1_get.pcap: 28 answered requests (ids 38-67 but 64 and 65) and two unanswered (request ids 64 and 65, each on
     * a port of its own, as Zeek's print shows: no snmp_response follows them).
     */
    private static long expectedEvents(String capture) {
        return switch (capture) {
            case "Sample_File_MMS_and_GOOSE.pcap" -> 7;
            case "SNMPv2c_get_requests.pcap", "SNMPv3.pcap", "snmpv2_get_next.pcap" -> 4;
            case "snmpv1_get.pcap" -> 30;
            case "snmpv1_trap.pcap", "snmpv2_get.pcap", "snmpv2_get_bulk.pcap" -> 1;
            case "snmpv3_get_next.pcap" -> 2;
            case "snmpwalk-short.pcap" -> 200;
            default -> throw new AssertionError("no expectation for " + capture);
        };
    }

    /** Malformed reports per capture: none in any of them. */
    private static long expectedMalformed(String capture) {
        return 0;
    }

    /** The walk answers sysDescr.0, sysObjectID.0 and sysName.0 each in its own response: the agent's identity. */
    @Test
    void agentIdentityFromTheWalk() {
        SnmpCaptureRun run = SnmpCaptureRun.of("snmp/snmpwalk-short.pcap");
        List<AssetFacts> facts = run.events().stream().map(e -> e.detail().assetFacts()).filter(f -> f != null).toList();
        assertThat(facts).hasSize(2);
        assertThat(facts).allMatch(f -> f.side() == AssetFacts.Side.SERVER);
        assertThat(facts.get(0).model()).isEqualTo("Linux ubuntu-512mb-sfo2-01 4.4.0-31-generic #50~14.04.1-Ubuntu SMP "
                + "Wed Jul 13 01:07:32 UTC 2016 x86_64");
        assertThat(facts.get(0).vendor()).isNull(); // sysObjectID 1.3.6.1.4.1.8072.3.2.10: Net-SNMP's agent, no device vendor
        assertThat(facts.get(1).name()).isEqualTo("ubuntu-512mb-sfo2-01");
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
            assertThat(events).as(capture.toString()).isEqualTo(expectedEvents(capture.getFileName().toString()));
            assertThat(run.stats().malformed().getOrDefault(SnmpDecoder.PROTOCOL, 0L)).as(capture + " " + malformed)
                    .isEqualTo(expectedMalformed(capture.getFileName().toString()));
        }
    }
}
