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

    private static CollectorFigures figures(long dropped, long tcpGaps, long tcpGapBytes, long truncatedPayloads,
                                            Map<String, Long> malformed, Map<String, Long> notThisProtocol,
                                            Map<String, Long> decoderErrors, Map<String, Long> skipped,
                                            List<String> warnings) {
        return new CollectorFigures("plant", 2, 1_234_567, 98_765_432, dropped, 321, tcpGaps, tcpGapBytes,
                truncatedPayloads, malformed, notThisProtocol, decoderErrors, skipped, warnings);
    }

    @Test
    void printsEveryFigureItIsGiven() {
        CollectorFigures collector = figures(17, 3, 4_096, 5,
                Map.of("modbus", 7L, "dnp3", 2L), Map.of("modbus", 4L), Map.of("dnp3", 1L),
                Map.of("ipv4_bad_total_length", 3_000L, "tcp_header_truncated", 990L, "udp_bad_length", 8L,
                        "vlan_tag_truncated", 1L, "ipv6_bad_version", 1L),
                List.of("b.pcap: truncated in record 51 at byte offset 4437 (record needs 82 bytes, 43 present)"));
        RecordCounts records = new RecordCounts(Map.of("modbus", 10_000L, "dnp3", 2_345L), 12, 3, 0, 2,
                List.of("asset x at 5 µs: boom", "asset y at 6 µs: boom"));
        List<SinkReport> sinks = List.of(
                new SinkReport("out/events.ndjson", 12_360, 0, List.of()),
                new SinkReport("http://127.0.0.1:9251", 12_357, 3, List.of("doc 1: mapper_parsing_exception")));

        String text = SummaryTable.render(report(collector, records, sinks));

        assertThat(text.lines().toList()).containsExactly(
                "Summary of plant",
                "  captures                          2",
                "  frames                    1,234,567",
                "  bytes                    98,765,432",
                "  dropped                          17",
                "  flows                           321",
                "  events                       12,345",
                "    modbus                     10,000",
                "    dnp3                        2,345",
                "  assets                           12",
                "  alerts                            3",
                "  malformed                         9",
                "    modbus                          7",
                "    dnp3                            2",
                "  not this protocol                 4",
                "    modbus                          4",
                "  decoder errors                    1",
                "    dnp3                            1",
                "  tcp gaps                          3",
                "    bytes missing               4,096",
                "  truncated payloads                5",
                "  skipped frames                4,000",
                "    ipv4_bad_total_length       3,000",
                "    tcp_header_truncated          990",
                "    udp_bad_length                  8",
                "    2 other                         2",
                "  unmapped                          2",
                "  elapsed                       2.5 s",
                "  frames/s                    493,826",
                "",
                "  documents to           written  rejected",
                "  out/events.ndjson       12,360         0",
                "  http://127.0.0.1:9251   12,357         3",
                "",
                "rejected by http://127.0.0.1:9251 (first 1 of 3):",
                "  doc 1: mapper_parsing_exception",
                "not mapped to ECS (first 2 of 2):",
                "  asset x at 5 µs: boom",
                "  asset y at 6 µs: boom",
                "capture warnings:",
                "  b.pcap: truncated in record 51 at byte offset 4437 (record needs 82 bytes, 43 present)",
                "output: " + Path.of("out", "events.ndjson"));
    }

    @Test
    void aCleanRunShowsTheAlwaysUsefulZerosAndHidesTheRest() {
        CollectorFigures collector = figures(0, 0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of(), List.of());
        RecordCounts records = new RecordCounts(Map.of("modbus", 40L), 2, 0, 0, 0, List.of());

        String text = SummaryTable.render(report(collector, records,
                List.of(new SinkReport("out/events.ndjson", 42, 0, List.of()))));

        assertThat(text.lines().toList()).containsSubsequence(
                "  malformed                0",
                "  tcp gaps                 0",
                "  skipped frames           0",
                "  elapsed              2.5 s");
        assertThat(text).doesNotContain("dropped", "not this protocol", "decoder errors", "bytes missing",
                "truncated payloads", "other", "unmapped", "rejected by", "capture warnings");
    }

    @Test
    void exactlyOneReasonMoreThanShownIsListedRatherThanSummed() {
        CollectorFigures collector = figures(0, 0, 0, 0, Map.of(), Map.of(), Map.of(),
                Map.of("a_reason", 4L, "b_reason", 3L, "c_reason", 2L, "d_reason", 1L), List.of());

        String text = SummaryTable.render(report(collector, new RecordCounts(Map.of(), 0, 0, 0, 0, List.of()),
                List.of(new SinkReport("out/events.ndjson", 0, 0, List.of()))));

        assertThat(text.lines().toList()).containsSubsequence(
                "  skipped frames          10", "    a_reason               4", "    b_reason               3",
                "    c_reason               2", "    d_reason               1", "  elapsed              2.5 s");
        assertThat(text).doesNotContain("other");
    }

    @Test
    void figuresTheCollectorDoesNotReportAreShownAsUnknownNotZero() {
        CollectorFigures collector = CollectorFigures.readOnly("plant", CollectorFigures.UNKNOWN, 10, 600,
                List.of());
        RecordCounts records = new RecordCounts(Map.of(), 0, 0, 0, 0, List.of());

        String text = SummaryTable.render(report(collector, records,
                List.of(new SinkReport("out/events.ndjson", 0, 0, List.of()))));

        assertThat(text.lines()).contains(
                "  flows             n/a", "  malformed         n/a", "  tcp gaps          n/a",
                "  skipped frames    n/a", "  frames/s            4");
        assertThat(text).doesNotContain("unmapped", "rejected by", "capture warnings", "dropped");
    }
}
