package io.otsoc.routes.pipeline;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production path over a shared capture: capture reader, collector, ECS mapper and the pipeline together.
 * Oracles: the frame count from the capture manifest (capinfos); captured bytes from the classic pcap layout
 * (24-byte file header, 16-byte record headers); two TCP conversations and no lost segment from TShark 4.0
 * ({@code tshark -q -z conv,tcp}, {@code -Y tcp.analysis.lost_segment}); the rest from the NDJSON file itself.
 */
class AnalyzeRealPartsTest {

    private static final String CAPTURE = "modbus/modbus_example.pcap";

    @TempDir
    Path out;

    @Test
    void aModbusCaptureBecomesOneNdjsonLinePerMappedRecord() throws IOException {
        Path pcap = SharedFixtures.pcap(CAPTURE);
        long frames = CaptureManifest.packetCount(CAPTURE);
        long capturedBytes = Files.size(pcap) - 24 - 16 * frames;

        RecordSource source = new CollectorSource(CaptureFiles.open(List.of(pcap)), CollectorConfig.defaults());
        AnalyzeReport report = new AnalyzeJob().run(AnalyzeRequest.of(source, 7, out, "sensor-7"));

        CollectorFigures collector = report.collector();
        assertThat(report.captures()).as("files read, not the request's guess").isEqualTo(1);
        assertThat(collector.captureFiles()).isEqualTo(1);
        assertThat(collector.frames()).isEqualTo(frames);
        assertThat(collector.bytes()).isEqualTo(capturedBytes);
        assertThat(collector.flows()).isEqualTo(2);
        assertThat(collector.tcpGaps()).isZero();
        assertThat(collector.skippedFrames()).isEmpty();
        assertThat(collector.warnings()).isEmpty();
        assertThat(report.records().unmapped()).isZero();

        NdjsonTally ndjson = NdjsonTally.of(out.resolve("events.ndjson"));
        assertThat(ndjson.lines()).isEqualTo(report.sinks().get(0).delivered());
        assertThat(ndjson.events("modbus")).isPositive().isEqualTo(report.records().eventsByProtocol().get("modbus"));
        assertThat(ndjson.ofKind("asset")).isEqualTo(report.records().assets()).isPositive();
        long malformedDocuments = ndjson.documents().stream()
                .filter(d -> d.path("error").path("type").asText().equals("malformed"))
                .peek(d -> assertThat(d.path("error").path("message").asText()).isNotBlank())
                .count();
        assertThat(collector.malformed()).containsExactly(Map.entry("modbus", malformedDocuments));
        assertThat(malformedDocuments).isPositive();
    }

    @Test
    void theFileHoldsExactlyWhatTheEncoderGivesForEachRecordInTheCollectorsOrder() throws IOException {
        // Several protocols and captures, so batches mix documents of different kinds and flows.
        List<Path> captures = List.of(SharedFixtures.pcap(CAPTURE), SharedFixtures.pcap("modbus/ModbusTCP.pcap"),
                SharedFixtures.pcap("enip/EthernetIP-CIP.pcap"));
        RecordSource source = new CollectorSource(CaptureFiles.open(captures), CollectorConfig.defaults());
        new AnalyzeJob().run(AnalyzeRequest.of(source, captures.size(), out, "sensor-7")
                .withBatching(new BatchPolicy(1_000, Duration.ofSeconds(1), 2)));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        EcsDocumentEncoder encoder = new EcsDocumentEncoder("sensor-7");
        new Collector(CollectorConfig.defaults()).run(CaptureFiles.open(captures), record -> {
            expected.writeBytes(encoder.encode(record).json());
            expected.write('\n');
        });
        byte[] written = Files.readAllBytes(out.resolve("events.ndjson"));
        assertThat(written.length).isGreaterThan(100_000);
        assertThat(written).isEqualTo(expected.toByteArray());
    }

    @Test
    void flowWorkersWriteTheSameDocumentsWithEachFlowInOrder() throws IOException {
        List<Path> captures = List.of(SharedFixtures.pcap(CAPTURE), SharedFixtures.pcap("modbus/ModbusTCP.pcap"),
                SharedFixtures.pcap("enip/EthernetIP-CIP.pcap"), SharedFixtures.pcap("dnp3/dnp3_example.pcap"));
        AnalyzeReport alone = analyze(captures, 1, out.resolve("one"));
        AnalyzeReport sharded = analyze(captures, 3, out.resolve("three"));

        List<String> one = Files.readAllLines(alone.output());
        List<String> three = Files.readAllLines(sharded.output());
        assertThat(one).hasSizeGreaterThan(1_000);
        assertThat(three).containsExactlyInAnyOrderElementsOf(one);
        assertThat(byFlow(three)).isEqualTo(byFlow(one));
        assertThat(sharded.records()).isEqualTo(alone.records());
        assertThat(sharded.collector().frames()).isEqualTo(alone.collector().frames());
        assertThat(sharded.collector().flows()).isEqualTo(alone.collector().flows());
        assertThat(sharded.collector().malformed()).isEqualTo(alone.collector().malformed());
    }

    private static AnalyzeReport analyze(List<Path> captures, int workers, Path dir) {
        RecordSource source = new CollectorSource(CaptureFiles.open(captures), CollectorConfig.defaults(), workers);
        return new AnalyzeJob().run(AnalyzeRequest.of(source, captures.size(), dir, "sensor-7")
                .withBatching(new BatchPolicy(500, Duration.ofSeconds(1), 2)));
    }

    /**
     * Each flow's events (keyed by Community ID) in file order; the assets, which come from the merged inventories
     * at the end, sorted.
     */
    private static Map<String, List<String>> byFlow(List<String> lines) {
        Map<String, List<String>> flows = new TreeMap<>();
        for (String line : lines) {
            java.util.regex.Matcher id = FLOW_KEY.matcher(line);
            String key = line.contains("\"kind\":\"asset\"") ? "assets" : id.find() ? id.group(1) : "no flow";
            flows.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
        }
        flows.computeIfPresent("assets", (k, assets) -> assets.stream().sorted().toList());
        return flows;
    }

    private static final java.util.regex.Pattern FLOW_KEY = java.util.regex.Pattern.compile(
            "\"community_id\":\"([^\"]+)\"");
}
