package io.otsoc.routes.pipeline;

import io.otsoc.collector.model.DomainRecord;

import java.util.function.Consumer;

/**
 * Where a run's domain records come from: in production the collector over a packet source
 * ({@link CollectorSource}); in tests anything that emits records.
 */
public interface RecordSource extends AutoCloseable {

    /** A short name for messages and the summary. */
    String name();

    /** Emits every record to {@code sink} on the calling thread until the source ends or is stopped. */
    CollectorFigures run(Consumer<DomainRecord> sink);

    /** Frames read so far; read from another thread for progress, so it may lag a little. */
    long framesSoFar();

    /** Asks a running {@link #run} to return soon; safe from any thread. */
    void stop();

    @Override
    void close();
}
