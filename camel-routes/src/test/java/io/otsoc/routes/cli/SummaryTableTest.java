package io.otsoc.routes.cli;

import io.otsoc.routes.pipeline.AnalyzeReport;
import io.otsoc.routes.pipeline.CollectorFigures;
import io.otsoc.routes.pipeline.RecordCounts;
import io.otsoc.routes.pipeline.SinkReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTableTest {

    private static AnalyzeReport report(CollectorFigures collector, RecordCounts records, List<SinkReport> sinks) {
        return new AnalyzeReport(2, collector, records, sinks, Path.of("out", "events.ndjson"),
                Duration.ofMillis(2_500));
    }

    @Test
    void printsEveryFigureItIsGiven() {
        CollectorFigures collector = new CollectorFigures("plant", 1_234_567, 98_765_432, 0, 321, 7, 4_000,
                List.of("b.pcap: truncated record at byte 4096"));
        RecordCounts records = new RecordCounts(Map.of("modbus", 10_000L, "dnp3", 2_345L), 12, 3, 0, 2,
                List.of("asset x at 5 µs: boom", "asset y at 6 µs: boom"));
        List<SinkReport> sinks = List.of(
                new SinkReport("out/events.ndjson", 12_360, 0, List.of()),
                new SinkReport("http://127.0.0.1:9251", 12_357, 3, List.of("doc 1: mapper_parsing_exception")));

        String text = SummaryTable.render(report(collector, records, sinks));

        assertThat(text.lines().toList()).containsSubsequence(
                "Summary of plant",
                "  captures            2",
                "  frames      1,234,567",
                "  bytes      98,765,432",
                "  flows             321",
                "  events         12,345",
                "    dnp3          2,345",
                "    modbus       10,000",
                "  assets             12",
                "  alerts              3",
                "  malformed           7",
                "  skipped         4,000",
                "  unmapped            2",
                "  elapsed         2.5 s",
                "  frames/s      493,826",
                "  documents to           written  rejected",
                "  out/events.ndjson       12,360         0",
                "  http://127.0.0.1:9251   12,357         3",
                "rejected by http://127.0.0.1:9251 (first 1 of 3):",
                "  doc 1: mapper_parsing_exception",
                "not mapped to ECS (first 2 of 2):",
                "  asset x at 5 µs: boom",
                "capture warnings:",
                "  b.pcap: truncated record at byte 4096",
                "output: " + Path.of("out", "events.ndjson"));
    }

    @Test
    void figuresTheCollectorDoesNotReportAreShownAsUnknownNotZero() {
        CollectorFigures collector = new CollectorFigures("plant", 10, 600, 0, CollectorFigures.UNKNOWN,
                CollectorFigures.UNKNOWN, CollectorFigures.UNKNOWN, List.of());
        RecordCounts records = new RecordCounts(Map.of(), 0, 0, 0, 0, List.of());

        String text = SummaryTable.render(report(collector, records,
                List.of(new SinkReport("out/events.ndjson", 0, 0, List.of()))));

        assertThat(text.lines()).contains(
                "  flows        n/a", "  malformed    n/a", "  skipped      n/a", "  frames/s       4");
        assertThat(text).doesNotContain("unmapped", "rejected by", "capture warnings", "dropped");
    }
}
