package io.otsoc.routes.pipeline;

import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.FrameHandler;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.capture.SourceReport;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the collector's statistics and the source's report become the summary's figures. */
class CollectorFiguresTest {

    @TempDir
    Path dir;

    @Test
    void eachFigureComesFromItsCollectorStatistic() {
        CollectorStats stats = new CollectorStats(1_000, 64_000, Map.of("ipv4_bad_version", 2L, "udp_bad_length", 0L),
                900, 10, 700, 150, 20, 40, Map.of("0x0806 arp", 40L), 6, 1, 2, 3, 55, 4, 5, 30, 12, 7, 2_048,
                Map.of("modbus", 400L, "dnp3", 90L), Map.of("modbus", 11L), Map.of("dnp3", 2L), Map.of("s7comm", 1L),
                9, new SourceReport(1_000, 64_000, 0, List.of()), 1_000_000);
        SourceReport report = new SourceReport(1_000, 64_000, 13, List.of("plant.pcap: truncated in record 1001"));

        CollectorFigures figures = CollectorFigures.of(new NamedSource("eth0"), stats, report);

        assertThat(figures.source()).isEqualTo("eth0");
        assertThat(figures.captureFiles()).as("not a capture file").isEqualTo(CollectorFigures.UNKNOWN);
        assertThat(figures.frames()).isEqualTo(1_000);
        assertThat(figures.bytes()).isEqualTo(64_000);
        assertThat(figures.dropped()).isEqualTo(13);
        assertThat(figures.flows()).isEqualTo(55);
        assertThat(figures.tcpGaps()).isEqualTo(7);
        assertThat(figures.tcpGapBytes()).isEqualTo(2_048);
        assertThat(figures.truncatedPayloads()).isEqualTo(3);
        assertThat(figures.malformed()).containsExactly(Map.entry("modbus", 11L));
        assertThat(figures.notThisProtocol()).containsExactly(Map.entry("dnp3", 2L));
        assertThat(figures.decoderErrors()).containsExactly(Map.entry("s7comm", 1L));
        assertThat(figures.skippedFrames()).as("zero counts left out").containsExactly(Map.entry("ipv4_bad_version", 2L));
        assertThat(figures.totalSkippedFrames()).isEqualTo(2);
        assertThat(figures.warnings()).containsExactly("plant.pcap: truncated in record 1001");
        assertThat(figures.decodingKnown()).isTrue();
    }

    @Test
    void aDirectoryCountsTheFilesItRead() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("captures"));
        Files.copy(SharedFixtures.pcap("modbus/modbus_example.pcap"), folder.resolve("a.pcap"));
        Files.copy(SharedFixtures.pcap("modbus/modbus-eit.pcap"), folder.resolve("b.pcap"));
        Files.createDirectories(folder.resolve("site2"));
        Files.copy(SharedFixtures.pcap("s7comm/snap7_s300_stop.pcapng"), folder.resolve("site2/c.pcapng"));
        Files.writeString(folder.resolve("README.txt"), "not a capture, not read");

        CollectorFigures figures = run(CaptureFiles.open(List.of(folder)));

        assertThat(figures.captureFiles()).isEqualTo(3);
        assertThat(figures.frames()).isEqualTo(CaptureManifest.packetCount("modbus/modbus_example.pcap")
                + CaptureManifest.packetCount("modbus/modbus-eit.pcap")
                + CaptureManifest.packetCount("s7comm/snap7_s300_stop.pcapng"));
    }

    @Test
    void aFileThatVanishesBeforeItsTurnIsNotCountedAndIsNamedInTheWarnings() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("captures"));
        Files.copy(SharedFixtures.pcap("modbus/modbus_example.pcap"), folder.resolve("a.pcap"));
        Path second = Files.copy(SharedFixtures.pcap("modbus/modbus-eit.pcap"), folder.resolve("b.pcap"));
        PacketSource packets = CaptureFiles.open(List.of(folder));
        Files.delete(second);

        CollectorFigures figures = run(packets);

        assertThat(figures.captureFiles()).isEqualTo(1);
        assertThat(figures.frames()).isEqualTo(CaptureManifest.packetCount("modbus/modbus_example.pcap"));
        assertThat(figures.warnings()).singleElement().asString().startsWith(second.toString()).endsWith("; skipped");
    }

    @Test
    void oneFileIsOneCapture() {
        CollectorFigures figures = run(CaptureFiles.open(List.of(SharedFixtures.pcap("modbus/modbus-eit.pcap"))));

        assertThat(figures.captureFiles()).isEqualTo(1);
        assertThat(figures.frames()).isEqualTo(CaptureManifest.packetCount("modbus/modbus-eit.pcap"));
    }

    private static CollectorFigures run(PacketSource packets) {
        try (CollectorSource source = new CollectorSource(packets, CollectorConfig.defaults())) {
            return source.run(record -> { });
        }
    }

    /** A source that is no capture file, e.g. an interface. */
    private record NamedSource(String name) implements PacketSource {
        @Override
        public void run(FrameHandler handler) {
        }

        @Override
        public void stop() {
        }

        @Override
        public SourceReport report() {
            return new SourceReport(0, 0, 0, List.of());
        }

        @Override
        public void close() {
        }
    }
}
