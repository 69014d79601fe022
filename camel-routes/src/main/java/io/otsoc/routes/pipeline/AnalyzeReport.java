package io.otsoc.routes.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a completed run did.
 *
 * @param captures  capture files read (a directory counts its files)
 * @param collector the collector's figures
 * @param records   what was mapped, per kind and protocol
 * @param sinks     per sink, in delivery order; the NDJSON file first
 * @param output    the NDJSON file written
 * @param elapsed   wall time of the run
 */
public record AnalyzeReport(
        int captures,
        CollectorFigures collector,
        RecordCounts records,
        List<SinkReport> sinks,
        Path output,
        Duration elapsed) {

    public AnalyzeReport {
        sinks = List.copyOf(sinks);
    }

    /** Frames per second over the whole run, 0 when it took no measurable time. */
    public long framesPerSecond() {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0 : (long) (collector.frames() * 1e9 / nanos);
    }
}
