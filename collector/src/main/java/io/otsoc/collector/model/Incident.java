package io.otsoc.collector.model;

import java.util.List;

/**
 * Correlated alerts that an on-call team handles once.
 *
 * @param key             correlation key, e.g. the targeted asset and technique
 * @param timestampMicros last update
 * @param severity        highest severity of its alerts; it can rise, never fall
 * @param state           open, acknowledged or resolved
 * @param alerts          the correlated alerts, oldest first
 */
public record Incident(
        String key,
        long timestampMicros,
        int severity,
        State state,
        List<Alert> alerts) implements DomainRecord {

    public enum State { OPEN, ACKNOWLEDGED, RESOLVED }

    public Incident {
        alerts = List.copyOf(alerts);
    }
}
