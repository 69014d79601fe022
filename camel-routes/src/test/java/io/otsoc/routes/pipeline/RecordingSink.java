package io.otsoc.routes.pipeline;

import io.otsoc.routes.delivery.DeliveryException;
import io.otsoc.routes.delivery.DeliveryResult;
import io.otsoc.routes.delivery.DocumentSink;
import io.otsoc.routes.delivery.EcsDocument;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A destination that remembers what it got, and can refuse whole batches (a number of times, or always) or single
 * documents.
 */
public class RecordingSink implements DocumentSink {

    private final String name;
    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> documents = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger attempts = new AtomicInteger();
    private int refusalsLeft;
    private Predicate<String> rejects = document -> false;
    private volatile boolean closed;

    public RecordingSink(String name) {
        this.name = name;
    }

    /** Refuses the next {@code times} deliveries with a {@link DeliveryException}; -1 for always. */
    public RecordingSink refusing(int times) {
        this.refusalsLeft = times;
        return this;
    }

    /** Rejects the documents matching {@code rule} one by one. */
    public RecordingSink rejecting(Predicate<String> rule) {
        this.rejects = rule;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult deliver(List<EcsDocument> batch) {
        attempts.incrementAndGet();
        if (refusalsLeft != 0) {
            if (refusalsLeft > 0) {
                refusalsLeft--;
            }
            throw new DeliveryException("connection refused");
        }
        batchSizes.add(batch.size());
        List<String> rejected = new ArrayList<>();
        int delivered = 0;
        for (EcsDocument document : batch) {
            String json = new String(document.json(), StandardCharsets.UTF_8);
            if (rejects.test(json)) {
                rejected.add(json + ": mapper_parsing_exception");
            } else {
                documents.add(json);
                delivered++;
            }
        }
        return new DeliveryResult(delivered, rejected);
    }

    @Override
    public void close() {
        closed = true;
    }

    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    public List<String> documents() {
        return List.copyOf(documents);
    }

    public int attempts() {
        return attempts.get();
    }

    public boolean closed() {
        return closed;
    }
}
