package io.otsoc.routes.pipeline;

import io.otsoc.collector.model.DomainRecord;

import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Where a run's domain records come from: in production the collector over a packet source
 * ({@link CollectorSource}); in tests anything that emits records.
 */
public interface RecordSource extends AutoCloseable {

    /** A short name for messages and the summary. */
    String name();

    /** Emits every record to {@code sink} on the calling thread until the source ends or is stopped. */
    CollectorFigures run(Consumer<DomainRecord> sink);

    /**
     * How many threads emit records when the source runs through {@link #run(IntFunction)}: 1 unless the source
     * spreads its work over several threads (each flow followed by one of them).
     */
    default int lanes() {
        return 1;
    }

    /**
     * Runs like {@link #run(Consumer)} with one sink per emitting thread: {@code sinks.apply(i)} for each lane
     * {@code i} below {@link #lanes()}, asked for on the calling thread before the run; each sink is then used by one
     * thread at a time. The records of one flow all go to one sink, in order.
     */
    default CollectorFigures run(IntFunction<Consumer<DomainRecord>> sinks) {
        return run(sinks.apply(0));
    }

    /** Frames read so far; read from another thread for progress, so it may lag a little. */
    long framesSoFar();

    /** Asks a running {@link #run} to return soon; safe from any thread. */
    void stop();

    @Override
    void close();
}
