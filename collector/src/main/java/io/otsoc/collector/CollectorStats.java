package io.otsoc.collector;

/** Placeholder; the pipeline's counters are defined with the pipeline. */
public record CollectorStats(long frames) {
}
