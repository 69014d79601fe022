package io.otsoc.routes.pipeline;

import io.otsoc.collector.model.DomainRecord;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** A stand-in for the collector: emits a fixed list of records, optionally failing or waiting part-way. */
public final class ListRecordSource implements RecordSource {

    private final List<DomainRecord> records;
    private int failAt = -1;
    private RuntimeException failure;
    private int holdAt = -1;
    private final CountDownLatch held = new CountDownLatch(1);
    private volatile boolean stopped;
    private volatile boolean closed;
    private volatile long frames;

    public ListRecordSource(List<DomainRecord> records) {
        this.records = records;
    }

    /** Throws {@code failure} instead of emitting record number {@code index}. */
    public ListRecordSource failingAt(int index, RuntimeException failure) {
        this.failAt = index;
        this.failure = failure;
        return this;
    }

    /** Before record number {@code index}, waits until {@link #stop()} is called (a quiet live source). */
    public ListRecordSource holdingAt(int index) {
        this.holdAt = index;
        return this;
    }

    /** Counted down when the source reaches the hold point. */
    public CountDownLatch held() {
        return held;
    }

    @Override
    public String name() {
        return "test records";
    }

    @Override
    public CollectorFigures run(Consumer<DomainRecord> sink) {
        for (int i = 0; i < records.size() && !stopped; i++) {
            if (i == failAt) {
                throw failure;
            }
            if (i == holdAt) {
                held.countDown();
                while (!stopped) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return figures();
                    }
                }
                break;
            }
            frames = i + 1;
            sink.accept(records.get(i));
        }
        return figures();
    }

    // Two frames per record, 60 bytes each: numbers the summary can be checked against. It reads no capture file
    // and decodes nothing, so those figures are unknown.
    private CollectorFigures figures() {
        return CollectorFigures.readOnly(name(), CollectorFigures.UNKNOWN, frames * 2, frames * 120, List.of());
    }

    @Override
    public long framesSoFar() {
        return frames * 2;
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public void close() {
        closed = true;
    }

    public boolean closed() {
        return closed;
    }
}
