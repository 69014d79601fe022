package io.otsoc.routes.pipeline;

import io.otsoc.routes.delivery.EcsDocument;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The hand-off between the collector's thread and the pipeline: documents (mapped on the collector's thread by
 * {@link RecordMapping}) are gathered into batches by count and age, and the batches wait in a bounded queue. When
 * the queue is full the collector waits (back-pressure); nothing is dropped while the run is healthy. Once the run
 * has failed, documents are discarded, since nothing of a failed run is committed.
 *
 * <p>One thread feeds documents ({@link #accept}, then {@link #end}); one thread takes batches ({@link #poll}).
 * All hand-offs happen under one lock so batches enter the queue in order, including a partial batch that the
 * taking side closes because it grew too old while the collector had nothing to add (quiet live traffic).
 */
public final class DocumentFeed implements Consumer<EcsDocument> {

    private static final long OFFER_SLICE_MILLIS = 100;

    private final int maxDocuments;
    private final long maxWaitNanos;
    private final BlockingQueue<DocumentBatch> queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private final AtomicLong accepted = new AtomicLong();

    // Guarded by lock.
    private EcsDocument[] pending;
    private int pendingCount;
    private long pendingSince;
    private long nextSequence;
    private boolean ended;

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public DocumentFeed(BatchPolicy policy) {
        this.maxDocuments = policy.maxDocuments();
        this.maxWaitNanos = policy.maxWait().toNanos();
        this.queue = new ArrayBlockingQueue<>(policy.queuedBatches() + 1); // + 1 keeps room for the end mark
    }

    /** Adds one document; blocks while the pipeline is behind. Collector thread only. */
    @Override
    public void accept(EcsDocument document) {
        Objects.requireNonNull(document, "document");
        lock.lock();
        try {
            if (failure.get() != null) {
                return;
            }
            if (ended) {
                throw new IllegalStateException("document after the end of the feed");
            }
            if (pending == null) {
                pending = new EcsDocument[maxDocuments];
                pendingSince = System.nanoTime();
            }
            pending[pendingCount++] = document;
            if (pendingCount == maxDocuments) {
                handOff(true);
            }
        } finally {
            lock.unlock();
        }
        accepted.setOpaque(accepted.getPlain() + 1);
    }

    /** No more documents: hands off the last partial batch and the end mark. Collector thread only. */
    public void end() {
        lock.lock();
        try {
            if (failure.get() != null || ended) {
                return;
            }
            if (pendingCount > 0) {
                handOff(true);
            }
            ended = true;
            offerBlocking(DocumentBatch.END);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next batch, {@link DocumentBatch#END} after the last one, or null when nothing is ready within the timeout
     * (a partial batch older than the policy's wait is closed and returned then), and always null once the run
     * has failed. Pipeline thread only.
     */
    public DocumentBatch poll(long timeout, TimeUnit unit) throws InterruptedException {
        DocumentBatch batch = queue.poll(timeout, unit);
        if (failure.get() != null) {
            // A batch the collector managed to add while the run failed is discarded with the rest.
            queue.clear();
            return null;
        }
        if (batch != null) {
            return batch;
        }
        // tryLock: if the collector holds the lock it is busy adding documents, so its batch is not stale.
        if (lock.tryLock()) {
            try {
                if (pendingCount > 0 && System.nanoTime() - pendingSince >= maxWaitNanos) {
                    handOff(false);
                }
            } finally {
                lock.unlock();
            }
        }
        return queue.poll();
    }

    /** The pipeline took every batch including the end mark. */
    public void complete() {
        completion.complete(null);
    }

    /**
     * The run failed (delivery gave up, the source broke, or it was cancelled): wakes both sides and discards what
     * is queued. The first cause wins.
     */
    public void fail(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        failure.compareAndSet(null, cause);
        completion.completeExceptionally(cause);
        queue.clear();
    }

    public boolean failed() {
        return failure.get() != null;
    }

    /** Completes normally once every batch went through the pipeline, exceptionally when the run failed. */
    public CompletableFuture<Void> completion() {
        return completion;
    }

    /** Documents accepted so far; read from other threads for progress. */
    public long documentsAccepted() {
        return accepted.getOpaque();
    }

    private void handOff(boolean block) {
        List<EcsDocument> documents = Arrays.asList(pending);
        if (pendingCount < maxDocuments) {
            documents = documents.subList(0, pendingCount);
        }
        DocumentBatch batch = new DocumentBatch(nextSequence, documents);
        if (block) {
            offerBlocking(batch);
        } else if (!queue.offer(batch)) {
            return; // queue full: the pipeline is busy and will come back; keep the batch open
        }
        nextSequence++;
        pending = null;
        pendingCount = 0;
    }

    // Waits in slices so that a failure on the other side releases the collector.
    private void offerBlocking(DocumentBatch batch) {
        try {
            while (!queue.offer(batch, OFFER_SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
                if (failure.get() != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new IllegalStateException("interrupted while handing documents to the pipeline", e));
        }
    }
}
