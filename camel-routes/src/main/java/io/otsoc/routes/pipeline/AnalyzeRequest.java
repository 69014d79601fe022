package io.otsoc.routes.pipeline;

import io.otsoc.routes.delivery.DocumentSink;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One analysis: where records come from, where the NDJSON output goes, which other sinks take the documents.
 * The job owns the source and the sinks from {@link AnalyzeJob#run} on and closes them.
 *
 * @param source   the records, e.g. a {@link CollectorSource} over capture files
 * @param captures capture inputs named, for the summary when the source cannot count the files it read
 * @param outDir   directory of {@code events.ndjson}, always written
 * @param sinks    further destinations after the file, e.g. OpenSearch
 * @param encoder  serialises each record to its ECS document once
 * @param batching batch bounds and queue depth
 * @param retry    redelivery for a sink that refuses a batch
 * @param listener progress and retry notices
 */
public record AnalyzeRequest(
        RecordSource source,
        int captures,
        Path outDir,
        List<DocumentSink> sinks,
        DocumentEncoder encoder,
        BatchPolicy batching,
        RetryPolicy retry,
        RunListener listener) {

    public AnalyzeRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outDir, "outDir");
        sinks = List.copyOf(sinks);
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(batching, "batching");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(listener, "listener");
    }

    /** A request with the production encoder, default batching and retries, and the NDJSON file as only sink. */
    public static AnalyzeRequest of(RecordSource source, int captures, Path outDir, String observerName) {
        return new AnalyzeRequest(source, captures, outDir, List.of(), new EcsDocumentEncoder(observerName),
                BatchPolicy.DEFAULT, RetryPolicy.DEFAULT, RunListener.NONE);
    }

    public AnalyzeRequest withSinks(List<DocumentSink> more) {
        return new AnalyzeRequest(source, captures, outDir, more, encoder, batching, retry, listener);
    }

    public AnalyzeRequest withEncoder(DocumentEncoder other) {
        return new AnalyzeRequest(source, captures, outDir, sinks, other, batching, retry, listener);
    }

    public AnalyzeRequest withBatching(BatchPolicy other) {
        return new AnalyzeRequest(source, captures, outDir, sinks, encoder, other, retry, listener);
    }

    public AnalyzeRequest withRetry(RetryPolicy other) {
        return new AnalyzeRequest(source, captures, outDir, sinks, encoder, batching, other, listener);
    }

    public AnalyzeRequest withListener(RunListener other) {
        return new AnalyzeRequest(source, captures, outDir, sinks, encoder, batching, retry, other);
    }
}
