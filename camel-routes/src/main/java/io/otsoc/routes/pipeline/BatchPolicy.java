package io.otsoc.routes.pipeline;

import java.time.Duration;

/**
 * How records are grouped before mapping and delivery: a batch closes when it holds {@code maxDocuments} records
 * or when its first record has waited {@code maxWait}, whichever comes first.
 *
 * @param maxDocuments  records per batch at most
 * @param maxWait       how long a partial batch may wait for more records
 * @param queuedBatches batches that may wait between the collector and the pipeline; when they are all taken the
 *                      collector blocks (back-pressure) rather than dropping anything
 */
public record BatchPolicy(int maxDocuments, Duration maxWait, int queuedBatches) {

    public static final BatchPolicy DEFAULT = new BatchPolicy(2_000, Duration.ofSeconds(1), 4);

    public BatchPolicy {
        if (maxDocuments < 1) {
            throw new IllegalArgumentException("maxDocuments must be at least 1, was " + maxDocuments);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
        }
        if (queuedBatches < 1) {
            throw new IllegalArgumentException("queuedBatches must be at least 1, was " + queuedBatches);
        }
    }
}
