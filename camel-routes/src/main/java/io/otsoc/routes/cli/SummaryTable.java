package io.otsoc.routes.cli;

import io.otsoc.routes.pipeline.AnalyzeReport;
import io.otsoc.routes.pipeline.CollectorFigures;
import io.otsoc.routes.pipeline.RecordCounts;
import io.otsoc.routes.pipeline.SinkReport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary printed at the end of {@code otsoc analyze}: one figure per line, numbers right-aligned and grouped,
 * with per-protocol (or per-reason) rows indented under their total; then documents per sink, then the first
 * rejections, unmapped records and capture warnings. Rows that are nearly always zero for a capture file (dropped,
 * not this protocol, decoder errors, truncated payloads, unmapped) appear only when they are not. A figure the
 * collector does not report is shown as {@code n/a}, never as 0.
 */
public final class SummaryTable {

    private static final String UNKNOWN = "n/a";
    /** Skip reasons listed one by one; the rest share one row. */
    static final int SKIP_REASONS_SHOWN = 3;

    private final List<String[]> rows = new ArrayList<>();

    /** The summary as text, lines ending in {@code \n}. */
    public static String render(AnalyzeReport report) {
        return new SummaryTable().build(report);
    }

    private String build(AnalyzeReport report) {
        CollectorFigures collector = report.collector();
        RecordCounts records = report.records();

        row("captures", count(report.captures()));
        row("frames", count(collector.frames()));
        row("bytes", count(collector.bytes()));
        if (collector.dropped() > 0) {
            row("dropped", count(collector.dropped()));
        }
        row("flows", count(collector.flows()));
        row("events", count(records.events()));
        breakdown(records.eventsByProtocol(), Integer.MAX_VALUE);
        row("assets", count(records.assets()));
        row("alerts", count(records.alerts()));
        if (records.incidents() > 0) {
            row("incidents", count(records.incidents()));
        }
        boolean decoded = collector.decodingKnown();
        row("malformed", decoded ? count(collector.totalMalformed()) : UNKNOWN);
        breakdown(collector.malformed(), Integer.MAX_VALUE);
        if (collector.totalNotThisProtocol() > 0) {
            row("not this protocol", count(collector.totalNotThisProtocol()));
            breakdown(collector.notThisProtocol(), Integer.MAX_VALUE);
        }
        if (collector.totalDecoderErrors() > 0) {
            row("decoder errors", count(collector.totalDecoderErrors()));
            breakdown(collector.decoderErrors(), Integer.MAX_VALUE);
        }
        row("tcp gaps", count(collector.tcpGaps()));
        if (collector.tcpGaps() > 0) {
            row("  bytes missing", count(collector.tcpGapBytes()));
        }
        if (collector.truncatedPayloads() > 0) {
            row("truncated payloads", count(collector.truncatedPayloads()));
        }
        row("skipped frames", decoded ? count(collector.totalSkippedFrames()) : UNKNOWN);
        breakdown(collector.skippedFrames(), SKIP_REASONS_SHOWN);
        if (records.unmapped() > 0) {
            row("unmapped", count(records.unmapped()));
        }
        row("elapsed", seconds(report.elapsed()));
        row("frames/s", count(report.framesPerSecond()));

        StringBuilder text = new StringBuilder();
        text.append("Summary of ").append(collector.source()).append('\n');
        appendRows(text);
        appendSinks(text, report.sinks());
        for (SinkReport sink : report.sinks()) {
            appendList(text, "rejected by " + sink.sink() + " (first " + sink.firstRejections().size() + " of "
                    + count(sink.rejected()) + "):", sink.firstRejections());
        }
        appendList(text, "not mapped to ECS (first " + records.unmappedReasons().size() + " of "
                + count(records.unmapped()) + "):", records.unmappedReasons());
        appendList(text, "capture warnings:", collector.warnings());
        text.append("output: ").append(report.output()).append('\n');
        return text.toString();
    }

    private void row(String label, String value) {
        rows.add(new String[]{label, value});
    }

    /**
     * Indented rows under the previous one, largest first (ties by name); beyond {@code shown} rows the rest are
     * summed in one "N other" row, so that a long tail of reasons does not drown the table.
     */
    private void breakdown(Map<String, Long> counts, int shown) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        int kept = entries.size() - shown <= 1 ? entries.size() : shown;
        for (Map.Entry<String, Long> entry : entries.subList(0, kept)) {
            row("  " + entry.getKey(), count(entry.getValue()));
        }
        if (kept < entries.size()) {
            long rest = 0;
            for (Map.Entry<String, Long> entry : entries.subList(kept, entries.size())) {
                rest += entry.getValue();
            }
            row("  " + (entries.size() - kept) + " other", count(rest));
        }
    }

    private void appendRows(StringBuilder text) {
        int labelWidth = 0;
        int valueWidth = 0;
        for (String[] row : rows) {
            labelWidth = Math.max(labelWidth, row[0].length());
            valueWidth = Math.max(valueWidth, row[1].length());
        }
        for (String[] row : rows) {
            text.append("  ").append(pad(row[0], labelWidth, false)).append("  ")
                    .append(pad(row[1], valueWidth, true)).append('\n');
        }
    }

    private static void appendSinks(StringBuilder text, List<SinkReport> sinks) {
        String[] header = {"documents to", "written", "rejected"};
        int nameWidth = header[0].length();
        int writtenWidth = header[1].length();
        int rejectedWidth = header[2].length();
        for (SinkReport sink : sinks) {
            nameWidth = Math.max(nameWidth, sink.sink().length());
            writtenWidth = Math.max(writtenWidth, count(sink.delivered()).length());
            rejectedWidth = Math.max(rejectedWidth, count(sink.rejected()).length());
        }
        text.append('\n');
        text.append("  ").append(pad(header[0], nameWidth, false)).append("  ")
                .append(pad(header[1], writtenWidth, true)).append("  ")
                .append(pad(header[2], rejectedWidth, true)).append('\n');
        for (SinkReport sink : sinks) {
            text.append("  ").append(pad(sink.sink(), nameWidth, false)).append("  ")
                    .append(pad(count(sink.delivered()), writtenWidth, true)).append("  ")
                    .append(pad(count(sink.rejected()), rejectedWidth, true)).append('\n');
        }
        text.append('\n');
    }

    private static void appendList(StringBuilder text, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        text.append(title).append('\n');
        for (String line : lines) {
            text.append("  ").append(line).append('\n');
        }
    }

    static String count(long value) {
        return value < 0 ? UNKNOWN : String.format(Locale.ROOT, "%,d", value);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String pad(String value, int width, boolean right) {
        if (value.length() >= width) {
            return value;
        }
        String spaces = " ".repeat(width - value.length());
        return right ? spaces + value : value + spaces;
    }
}
