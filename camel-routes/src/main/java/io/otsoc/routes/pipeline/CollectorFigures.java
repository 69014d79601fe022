package io.otsoc.routes.pipeline;

import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.SourceReport;

import java.util.List;

/**
 * The collector's side of a run as the summary shows it. A figure the collector does not report (yet) is
 * {@link #UNKNOWN} and shown as such, never as zero.
 *
 * @param source    the source's name (file, directory or interface)
 * @param frames    frames read
 * @param bytes     captured bytes read
 * @param dropped   frames lost before the collector saw them (live capture)
 * @param flows     conversations tracked
 * @param malformed protocol messages that could not be decoded
 * @param skipped   frames or payloads no decoder took (unsupported or unrecognised)
 * @param warnings  one line each, e.g. a capture truncated mid-record
 */
public record CollectorFigures(
        String source,
        long frames,
        long bytes,
        long dropped,
        long flows,
        long malformed,
        long skipped,
        List<String> warnings) {

    public static final long UNKNOWN = -1;

    public CollectorFigures {
        warnings = List.copyOf(warnings);
    }

    /**
     * The one place that reads {@link CollectorStats}: as its counters grow, they are copied here.
     */
    public static CollectorFigures of(String source, CollectorStats stats, SourceReport report) {
        return new CollectorFigures(
                source,
                stats.frames(),
                report.bytes(),
                report.dropped(),
                UNKNOWN,
                UNKNOWN,
                UNKNOWN,
                report.warnings());
    }
}
