package io.otsoc.collector.model;

/**
 * Everything the collector hands to its sink: decoded transactions, asset state, alerts and incidents.
 * One model, many mappings (ECS, STIX, Splunk CIM) downstream.
 */
public sealed interface DomainRecord permits OtEvent, Asset, Alert, Incident {

    /** When the record happened (events, alerts) or was last updated (assets, incidents), in microseconds since the epoch. */
    long timestampMicros();
}
