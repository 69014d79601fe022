package io.otsoc.collector.testing;

import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a detail writes, in order, as a map for tests: numbers as Long, number lists as lists of unsigned Long
 * (as the writer's contract reads them), text lists as lists. A field written twice fails.
 */
public final class DetailFields implements DetailWriter {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    public static Map<String, Object> of(ProtocolDetail d) {
        DetailFields w = new DetailFields();
        d.writeFields(w);
        return w.fields;
    }

    @Override
    public void number(String field, long value) {
        put(field, value);
    }

    @Override
    public void decimal(String field, double value) {
        put(field, value);
    }

    @Override
    public void text(String field, String value) {
        put(field, value);
    }

    @Override
    public void flag(String field, boolean value) {
        put(field, value);
    }

    @Override
    public void numbers(String field, int[] values, int count) {
        List<Long> l = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            l.add(Integer.toUnsignedLong(values[i]));
        }
        put(field, l);
    }

    @Override
    public void texts(String field, List<String> values) {
        put(field, List.copyOf(values));
    }

    private void put(String field, Object value) {
        if (fields.put(field, value) != null) {
            throw new AssertionError("field written twice: " + field);
        }
    }
}
