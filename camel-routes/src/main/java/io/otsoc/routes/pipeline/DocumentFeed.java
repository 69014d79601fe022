package io.otsoc.routes.pipeline;

import io.otsoc.routes.delivery.EcsDocument;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The hand-off between the collector and the pipeline: documents (mapped where they were decoded, by
 * {@link RecordMapping}) are gathered into batches by count and age, and the batches wait in a bounded queue. When
 * the queue is full the collector waits (back-pressure); nothing is dropped while the run is healthy. Once the run
 * has failed, documents are discarded, since nothing of a failed run is committed.
 *
 * <p>Documents enter through lanes, one per collector thread: {@link #accept} is the first lane, {@link #lane()}
 * adds more before the run starts. Each lane fills its own batch and its batches enter the queue in the order it
 * filled them, so the documents of one thread, and with them each flow's, stay in order; batches of different lanes
 * interleave. One thread takes batches ({@link #poll}); when a lane's partial batch grows too old while its collector
 * has nothing to add (quiet live traffic), that thread closes it. {@link #end} follows the last document of every
 * lane.
 */
public final class DocumentFeed implements Consumer<EcsDocument> {

    private static final long OFFER_SLICE_MILLIS = 100;

    private final int maxDocuments;
    private final long maxWaitNanos;
    private final BlockingQueue<DocumentBatch> queue;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private final List<Lane> lanes = new CopyOnWriteArrayList<>();
    private final Lane first;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean ended;

    public DocumentFeed(BatchPolicy policy) {
        this.maxDocuments = policy.maxDocuments();
        this.maxWaitNanos = policy.maxWait().toNanos();
        this.queue = new ArrayBlockingQueue<>(policy.queuedBatches() + 1); // + 1 keeps room for the end mark
        this.first = lane();
    }

    /** Adds one document to the first lane; blocks while the pipeline is behind. */
    @Override
    public void accept(EcsDocument document) {
        first.accept(document);
    }

    /** A further lane, for one more thread that feeds documents; made before that thread starts. */
    public Lane lane() {
        Lane lane = new Lane();
        lanes.add(lane);
        return lane;
    }

    /**
     * No more documents on any lane: hands off every lane's last partial batch and then the end mark. Called once
     * every thread that fed a lane has finished.
     */
    public void end() {
        if (failure.get() != null || ended) {
            return;
        }
        for (Lane lane : lanes) {
            lane.finish();
        }
        ended = true;
        offerBlocking(DocumentBatch.END);
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
        for (Lane lane : lanes) {
            lane.closeIfStale();
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

    /** Documents accepted so far on all lanes; read from other threads for progress. */
    public long documentsAccepted() {
        long sum = 0;
        for (Lane lane : lanes) {
            sum += lane.accepted.getOpaque();
        }
        return sum;
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

    /**
     * One feeding thread's way in. Its lock is taken by that thread for each document and, rarely, by the taking
     * thread closing a stale batch, which only ever tries it once; so it is a flag set by compare-and-set and
     * cleared by a release store. With a {@code ReentrantLock}, its unlock (the queue's release and signalling path)
     * took about 7% of the collector thread's samples in a profile of {@code analyze}.
     */
    public final class Lane implements Consumer<EcsDocument> {

        private final AtomicBoolean lock = new AtomicBoolean();
        private final AtomicLong accepted = new AtomicLong();
        // Guarded by lock.
        private EcsDocument[] pending;
        private int pendingCount;
        private long pendingSince;

        private Lane() {
        }

        /** Adds one document; blocks while the pipeline is behind. */
        @Override
        public void accept(EcsDocument document) {
            Objects.requireNonNull(document, "document");
            lock();
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
                unlock();
            }
            accepted.setOpaque(accepted.getPlain() + 1);
        }

        private void finish() {
            lock();
            try {
                if (pendingCount > 0) {
                    handOff(true);
                }
            } finally {
                unlock();
            }
        }

        // One try: if the feeding thread holds the lock it is busy adding documents, so its batch is not stale.
        private void closeIfStale() {
            if (lock.compareAndSet(false, true)) {
                try {
                    if (pendingCount > 0 && System.nanoTime() - pendingSince >= maxWaitNanos) {
                        handOff(false);
                    }
                } finally {
                    unlock();
                }
            }
        }

        /** Only the taking thread's single try can hold it meanwhile, and briefly: spinning is enough. */
        private void lock() {
            while (!lock.compareAndSet(false, true)) {
                Thread.onSpinWait();
            }
        }

        private void unlock() {
            lock.setRelease(false);
        }

        private void handOff(boolean block) {
            List<EcsDocument> documents = Arrays.asList(pending);
            if (pendingCount < maxDocuments) {
                documents = documents.subList(0, pendingCount);
            }
            DocumentBatch batch = new DocumentBatch(documents);
            if (block) {
                offerBlocking(batch);
            } else if (!queue.offer(batch)) {
                return; // queue full: the pipeline is busy and will come back; keep the batch open
            }
            pending = null;
            pendingCount = 0;
        }
    }
}
