package io.otsoc.collector.model;

import java.util.List;

/**
 * Receives the protocol-specific fields of an event, one by one, so that a mapping (ECS JSON, STIX, CIM) can
 * stream them without knowing each protocol. Field names are lower-case snake_case; null values are skipped
 * by the caller.
 */
public interface DetailWriter {

    void number(String field, long value);

    void decimal(String field, double value);

    void text(String field, String value);

    void flag(String field, boolean value);

    /** A list of unsigned numbers, e.g. register values; only the first {@code count} entries are written. */
    void numbers(String field, int[] values, int count);

    void texts(String field, List<String> values);
}
