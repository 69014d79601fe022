package io.otsoc.routes.pipeline;

import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every capture under {@code ../shared/pcaps}, one analysis each, through the production parts and the Camel
 * pipeline: the run completes, the reader delivers exactly the frames capinfos counted (MANIFEST.tsv), and the
 * committed NDJSON file holds one line per delivered document, matching the mapped records kind by kind and
 * protocol by protocol. The per-capture figures are printed at the end.
 */
class AnalyzeEachCaptureTest {

    private record Figures(long frames, long flows, long events, long assets, long malformed, long skipped,
                           long documents, double seconds) {
    }

    private static final Map<String, Figures> FIGURES = new TreeMap<>();
    private static final Map<String, Long> PACKET_COUNTS = CaptureManifest.packetCounts();

    static Stream<String> captures() {
        return CaptureManifest.captures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void analyzeCompletesWithOneLinePerDocument(String capture) throws IOException {
        Path out = Files.createTempDirectory("otsoc-each-capture");
        try {
            RecordSource source = new CollectorSource(CaptureFiles.open(List.of(SharedFixtures.pcap(capture))),
                    CollectorConfig.defaults());

            AnalyzeReport report = new AnalyzeJob().run(AnalyzeRequest.of(source, 1, out, "sensor-1"));

            CollectorFigures collector = report.collector();
            RecordCounts records = report.records();
            assertThat(report.captures()).isEqualTo(1);
            assertThat(collector.frames()).as("frames against capinfos").isEqualTo(PACKET_COUNTS.get(capture));
            assertThat(collector.warnings()).as("the shared captures are complete").isEmpty();
            assertThat(collector.totalDecoderErrors()).isZero();
            assertThat(records.unmapped()).isZero();
            assertThat(report.sinks()).singleElement().satisfies(sink -> assertThat(sink.rejected()).isZero());

            NdjsonTally ndjson = NdjsonTally.of(out.resolve("events.ndjson"));
            long delivered = report.sinks().get(0).delivered();
            assertThat((long) ndjson.lines()).isEqualTo(delivered)
                    .isEqualTo(records.events() + records.assets() + records.alerts() + records.incidents());
            assertThat(ndjson.eventsByProtocol()).isEqualTo(records.eventsByProtocol());
            assertThat(ndjson.ofKind("asset")).isEqualTo(records.assets());
            assertThat(out).isDirectoryContaining(p -> p.getFileName().toString().equals("events.ndjson"));
            assertThat(out.resolve("events.ndjson.partial")).doesNotExist();

            synchronized (FIGURES) {
                FIGURES.put(capture, new Figures(collector.frames(), collector.flows(), records.events(),
                        records.assets(), collector.totalMalformed(), collector.totalSkippedFrames(), delivered,
                        report.elapsed().toNanos() / 1e9));
            }
        } finally {
            try (Stream<Path> files = Files.list(out)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(out);
        }
    }

    @AfterAll
    static void report() {
        if (FIGURES.isEmpty()) {
            return;
        }
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-60s %7s %6s %7s %6s %9s %7s %9s %6s%n",
                "capture", "frames", "flows", "events", "assets", "malformed", "skipped", "documents", "s"));
        long frames = 0;
        long documents = 0;
        long events = 0;
        for (Map.Entry<String, Figures> e : FIGURES.entrySet()) {
            Figures f = e.getValue();
            table.append(String.format(Locale.ROOT, "%-60s %7d %6d %7d %6d %9d %7d %9d %6.2f%n", e.getKey(),
                    f.frames(), f.flows(), f.events(), f.assets(), f.malformed(), f.skipped(), f.documents(),
                    f.seconds()));
            frames += f.frames();
            documents += f.documents();
            events += f.events();
        }
        table.append(String.format(Locale.ROOT, "%d captures analysed one by one: %d frames, %d events, %d documents%n",
                FIGURES.size(), frames, events, documents));
        System.out.print(table);
    }
}
