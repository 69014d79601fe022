package io.otsoc.collector.testing;

import io.otsoc.collector.model.DetailWriter;

import java.util.List;

/** A detail writer that checks what it is given: names set, lists not longer than said. */
public final class CountingWriter implements DetailWriter {

    public int fields;

    private void name(String field) {
        if (field == null || field.isBlank()) {
            throw new AssertionError("field without a name");
        }
        fields++;
    }

    @Override
    public void number(String field, long value) {
        name(field);
    }

    @Override
    public void decimal(String field, double value) {
        name(field);
    }

    @Override
    public void text(String field, String value) {
        name(field);
        if (value == null) {
            throw new AssertionError(field + " written as null");
        }
    }

    @Override
    public void flag(String field, boolean value) {
        name(field);
    }

    @Override
    public void numbers(String field, int[] values, int count) {
        name(field);
        if (count > values.length) {
            throw new AssertionError(field + ": " + count + " of " + values.length);
        }
    }

    @Override
    public void texts(String field, List<String> values) {
        name(field);
        if (values.size() > 64) {
            throw new AssertionError(field + ": unbounded list of " + values.size());
        }
    }
}
