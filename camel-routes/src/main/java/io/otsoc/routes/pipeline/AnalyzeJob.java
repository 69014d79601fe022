package io.otsoc.routes.pipeline;

import io.otsoc.collector.capture.CaptureException;
import io.otsoc.routes.delivery.DeliveryException;
import io.otsoc.routes.delivery.DocumentSink;
import io.otsoc.routes.delivery.NdjsonFileSink;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.main.Main;
import org.apache.camel.main.SimpleMainShutdownStrategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one analysis from start to end: the collector on its own thread maps each record to ECS as it decodes it
 * ({@link RecordMapping}) and feeds the documents in batches into the Camel route ({@link AnalyzeRoutes}), which
 * delivers them to the NDJSON file and the other sinks. On success the NDJSON file is committed and a report
 * returned; on any failure nothing is committed and an
 * {@link AnalyzeFailedException} says why in one line. The CLI and the tests both come through here.
 */
public final class AnalyzeJob {

    /** How long a stopped source may take to return before the job gives up waiting for it. */
    private static final long SOURCE_STOP_WAIT_MILLIS = 30_000;

    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile DocumentFeed feed;
    private volatile RecordSource source;

    /**
     * Runs the request to its end. The job owns the request's source and sinks and closes them.
     *
     * @throws AnalyzeFailedException when the run does not complete (source error, a sink that kept refusing,
     *                                cancellation); no {@code events.ndjson} is written then
     */
    public AnalyzeReport run(AnalyzeRequest request) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("an analyze job runs once");
        }
        long startNanos = System.nanoTime();
        source = request.source();
        List<DocumentSink> sinks = new ArrayList<>();
        try (RecordSource records = request.source()) {
            NdjsonFileSink file;
            try {
                file = new NdjsonFileSink(request.outDir());
            } catch (DeliveryException e) {
                throw new AnalyzeFailedException(e.getMessage(), e);
            }
            sinks.add(file);
            sinks.addAll(request.sinks());
            return runPipeline(request, records, file, sinks, startNanos);
        } finally {
            closeAll(sinks.isEmpty() ? request.sinks() : sinks);
        }
    }

    /**
     * Stops a running job from any thread (e.g. on Ctrl-C): the source stops, nothing is committed, and
     * {@link #run} fails with "analysis interrupted". Before {@link #run}, makes it fail at once.
     */
    public void cancel() {
        cancelled = true;
        DocumentFeed current = feed;
        if (current != null) {
            current.fail(interrupted());
        }
        RecordSource running = source;
        if (running != null) {
            try {
                running.stop();
            } catch (RuntimeException alreadyClosed) {
                // the run has ended; there is nothing left to stop
            }
        }
    }

    private AnalyzeReport runPipeline(AnalyzeRequest request, RecordSource records, NdjsonFileSink file,
                                      List<DocumentSink> sinks, long startNanos) {
        List<RecordTally> recordTallies = new ArrayList<>();
        List<SinkTally> sinkTallies = new ArrayList<>();
        for (DocumentSink sink : sinks) {
            sinkTallies.add(new SinkTally(sink.name()));
        }
        AnalyzeRoutes routes = new AnalyzeRoutes(request.batching(), request.retry(), sinks, sinkTallies,
                request.listener());

        Main camel = startCamel(routes);
        SourceRun sourceRun;
        Throwable failure = null;
        try {
            CamelContext context = camel.getCamelContext();
            DocumentFeed input = context.getEndpoint(AnalyzeRoutes.inputUri(request.batching()), OtsocEndpoint.class)
                    .feed();
            feed = input;
            if (cancelled) {
                input.fail(interrupted());
            }
            ScheduledExecutorService ticker = context.getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, "otsoc-progress");
            ticker.scheduleAtFixedRate(() -> request.listener().progress(new Progress(
                            Duration.ofNanos(System.nanoTime() - startNanos), records.framesSoFar(),
                            input.documentsAccepted())),
                    1, 1, TimeUnit.SECONDS);

            sourceRun = new SourceRun(records, mappings(records, request.encoder(), input, recordTallies), input);
            Thread collector = new Thread(sourceRun, "otsoc-collector");
            collector.setDaemon(true);
            collector.start();
            try {
                input.completion().join();
            } catch (CompletionException e) {
                failure = e.getCause();
                records.stop();
            }
            context.getExecutorServiceManager().shutdownNow(ticker);
            awaitSource(collector);
        } finally {
            stopCamel(camel);
        }
        if (failure == null && sourceRun.figures == null) {
            failure = new IllegalStateException("the source did not report its figures");
        }
        if (failure != null) {
            throw new AnalyzeFailedException(describe(failure, request.retry()), failure);
        }
        try {
            file.commit();
        } catch (DeliveryException e) {
            throw new AnalyzeFailedException(e.getMessage(), e);
        }
        List<SinkReport> sinkReports = new ArrayList<>();
        for (SinkTally tally : sinkTallies) {
            sinkReports.add(tally.snapshot());
        }
        CollectorFigures figures = sourceRun.figures;
        return new AnalyzeReport(capturesRead(request, figures), figures, RecordTally.merged(recordTallies),
                sinkReports, file.target(), Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /**
     * One mapping per lane of the source, each with its own encoder (a twin of the request's) and tally, feeding its
     * own lane of the feed. A single mapping when the source has one lane or the encoder has no twin.
     */
    private static List<RecordMapping> mappings(RecordSource source, DocumentEncoder encoder, DocumentFeed feed,
                                                List<RecordTally> tallies) {
        List<DocumentEncoder> encoders = new ArrayList<>(List.of(encoder));
        for (int i = 1; i < source.lanes(); i++) {
            DocumentEncoder twin = encoder.twin();
            if (twin == null) {
                encoders = List.of(encoder);
                break;
            }
            encoders.add(twin);
        }
        List<RecordMapping> mappings = new ArrayList<>();
        for (int i = 0; i < encoders.size(); i++) {
            RecordTally tally = new RecordTally();
            tallies.add(tally);
            mappings.add(new RecordMapping(encoders.get(i), tally, feed, i == 0 ? feed : feed.lane()));
        }
        return mappings;
    }

    /** The capture files the source says it read; the inputs named in the request when it cannot tell. */
    private static int capturesRead(AnalyzeRequest request, CollectorFigures figures) {
        long read = figures.captureFiles();
        return read == CollectorFigures.UNKNOWN ? request.captures() : (int) Math.min(read, Integer.MAX_VALUE);
    }

    private static Main startCamel(AnalyzeRoutes routes) {
        Main main = new Main();
        // The CLI decides what Ctrl-C does (cancel, keep the embedded node until then): no hook of Camel's own.
        main.setShutdownStrategy(new SimpleMainShutdownStrategy());
        main.configure()
                .withName("otsoc")
                .withJmxEnabled(false)
                .withShutdownTimeout(10);
        main.configure().setStartupSummaryLevel(StartupSummaryLevel.Off);
        main.configure().addRoutesBuilder(routes);
        try {
            main.start();
        } catch (Exception e) {
            throw new AnalyzeFailedException("cannot start the pipeline: " + e.getMessage(), e);
        }
        return main;
    }

    private static void stopCamel(Main camel) {
        try {
            camel.stop();
        } catch (RuntimeException e) {
            // already failing or done: the report or the failure is what matters
        }
    }

    private static void awaitSource(Thread collector) {
        try {
            collector.join(SOURCE_STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeAll(List<DocumentSink> sinks) {
        for (int i = sinks.size() - 1; i >= 0; i--) {
            try {
                sinks.get(i).close();
            } catch (RuntimeException ignored) {
                // closing is best effort; the run's outcome is already decided
            }
        }
    }

    private static AnalyzeFailedException interrupted() {
        return new AnalyzeFailedException("analysis interrupted; nothing was committed");
    }

    /** One line saying why a run failed. */
    static String describe(Throwable failure, RetryPolicy retry) {
        String message;
        if (failure instanceof AnalyzeFailedException || failure instanceof CaptureException
                || failure instanceof DeliverToSink.SinkFailure) {
            message = failure.getMessage();
        } else if (failure instanceof DeliveryException) {
            message = failure.getMessage() + " (gave up after " + retry.attempts()
                    + (retry.attempts() == 1 ? " attempt)" : " attempts)");
        } else {
            String detail = failure.getMessage();
            message = failure.getClass().getSimpleName() + (detail == null ? "" : ": " + detail);
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** The collector's thread: runs the source through the mappings into the feed and marks the end, or fails it. */
    private static final class SourceRun implements Runnable {

        private final RecordSource source;
        private final List<RecordMapping> mappings;
        private final DocumentFeed feed;
        private volatile CollectorFigures figures;

        SourceRun(RecordSource source, List<RecordMapping> mappings, DocumentFeed feed) {
            this.source = source;
            this.mappings = List.copyOf(mappings);
            this.feed = feed;
        }

        @Override
        public void run() {
            try {
                figures = mappings.size() == 1 ? source.run(mappings.get(0)) : source.run(mappings::get);
                feed.end();
            } catch (Throwable e) {
                feed.fail(e);
            }
        }
    }
}
