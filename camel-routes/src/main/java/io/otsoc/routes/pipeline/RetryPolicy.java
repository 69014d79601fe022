package io.otsoc.routes.pipeline;

import java.time.Duration;

/**
 * How often and how patiently a batch is offered again to a sink that threw a
 * {@link io.otsoc.routes.delivery.DeliveryException}: exponential back-off from {@code firstDelay}, multiplied by
 * {@code multiplier} after each attempt, never more than {@code maxDelay}.
 */
public record RetryPolicy(int maxRedeliveries, Duration firstDelay, double multiplier, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(500), 2.0, Duration.ofSeconds(10));

    public RetryPolicy {
        if (maxRedeliveries < 0) {
            throw new IllegalArgumentException("maxRedeliveries must not be negative, was " + maxRedeliveries);
        }
        if (firstDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
    }

    /** Attempts in all: the first delivery plus the redeliveries. */
    public int attempts() {
        return maxRedeliveries + 1;
    }

    /** The wait before redelivery number {@code redelivery} (1-based). */
    public Duration delayBefore(int redelivery) {
        double millis = firstDelay.toMillis() * Math.pow(multiplier, Math.max(0, redelivery - 1));
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }
}
