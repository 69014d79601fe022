package io.otsoc.routes.bench;

import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.routes.pipeline.AnalyzeJob;
import io.otsoc.routes.pipeline.AnalyzeReport;
import io.otsoc.routes.pipeline.AnalyzeRequest;
import io.otsoc.routes.pipeline.CollectorSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * (d) What {@code otsoc analyze CORPUS --out DIR} does: the real {@link AnalyzeJob}, with Camel's route mapping
 * every record to ECS and writing {@code DIR/events.ndjson}; Camel's start and stop are part of each run.
 */
final class AnalyzePath implements MeasuredPath {

    private final Path outDir;
    private final int workers;

    /** @param workers 1: the collector on one thread; more: a dissecting thread and that many flow workers */
    AnalyzePath(Path outDir, int workers) {
        this.outDir = outDir;
        this.workers = workers;
    }

    @Override
    public String label() {
        return "(d) analyze: events.ndjson" + (workers == 1 ? "" : ", dissect + " + workers + " workers");
    }

    @Override
    public boolean onCallingThread() {
        return false;
    }

    @Override
    public PathRun run(Path corpus) {
        CollectorSource source = new CollectorSource(CaptureFiles.open(List.of(corpus)), CollectorConfig.defaults(),
                workers);
        AnalyzeReport report = new AnalyzeJob().run(
                AnalyzeRequest.of(source, 1, outDir, CollectorConfig.defaults().observerName()));
        try {
            return new PathRun(report.collector().frames(), report.collector().bytes(), report.records().events(),
                    report.sinks().get(0).delivered(), Files.size(report.output()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
