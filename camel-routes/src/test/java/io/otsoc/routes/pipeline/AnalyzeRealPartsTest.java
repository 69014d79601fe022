package io.otsoc.routes.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production path over a shared capture: capture reader, collector, ECS mapper and the pipeline together.
 * Frame count from the capture manifest (capinfos); captured bytes from the classic pcap layout (24-byte file
 * header, 16-byte record headers).
 */
class AnalyzeRealPartsTest {

    private static final String CAPTURE = "modbus/modbus_example.pcap";

    @TempDir
    Path out;

    @Test
    void aModbusCaptureBecomesOneNdjsonLinePerMappedRecord() throws IOException {
        Path pcap = SharedFixtures.pcap(CAPTURE);
        long frames = manifestPacketCount(CAPTURE);
        long capturedBytes = Files.size(pcap) - 24 - 16 * frames;

        RecordSource source = new CollectorSource(CaptureFiles.open(List.of(pcap)), CollectorConfig.defaults());
        AnalyzeReport report = new AnalyzeJob().run(AnalyzeRequest.of(source, 1, out, "sensor-7"));

        assertThat(report.collector().frames()).isEqualTo(frames);
        assertThat(report.collector().bytes()).isEqualTo(capturedBytes);
        List<String> lines = Files.readAllLines(out.resolve("events.ndjson"));
        assertThat(report.records().unmapped()).isZero();
        assertThat(lines).hasSize((int) report.sinks().get(0).delivered());
        long modbus = 0;
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode document = json.readTree(line);
            assertThat(document.has("@timestamp")).as("@timestamp in %s", line).isTrue();
            if ("modbus".equals(document.path("network").path("protocol").asText())) {
                modbus++;
            }
        }
        assertThat(modbus).isPositive().isEqualTo(report.records().eventsByProtocol().get("modbus"));
    }

    private static long manifestPacketCount(String capture) throws IOException {
        for (String line : Files.readAllLines(SharedFixtures.root().resolve("pcaps/MANIFEST.tsv"))) {
            String[] columns = line.split("\t");
            if (columns[0].equals(capture)) {
                return Long.parseLong(columns[3]);
            }
        }
        throw new AssertionError(capture + " is not in the manifest");
    }
}
