package io.otsoc.collector;

/**
 * Bounds that keep the collector's memory flat on any traffic.
 *
 * @param maxFlows                   flows tracked at once; the least recently seen is evicted beyond it
 * @param flowIdleTimeoutMicros      a flow silent this long (in capture time) is closed
 * @param maxOutOfOrderBytes         out-of-order TCP bytes buffered per direction before a gap is declared
 * @param maxOutOfOrderSegments      out-of-order TCP segments buffered per direction before a gap is declared
 * @param observerName               the sensor's name, for {@code observer.name}
 */
public record CollectorConfig(
        int maxFlows,
        long flowIdleTimeoutMicros,
        int maxOutOfOrderBytes,
        int maxOutOfOrderSegments,
        String observerName) {

    public static CollectorConfig defaults() {
        return new CollectorConfig(262_144, 300_000_000L, 262_144, 64, "otsoc");
    }
}
