package io.otsoc.mappings.ecs;

import io.otsoc.collector.model.DetailWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a protocol detail's fields as raw JSON text into a {@link RawText}, for a generator that takes encoded
 * parts ({@link EcsJsonFactory}): the same text that {@link JsonDetailWriter} has the generator write, without a
 * generator call per field and value. Names and values that need no escaping are copied as they are; the others are
 * quoted by a generator of the same settings ({@link EncodedParts#quoted}), so escaping is the generator's own.
 * Reused per thread: {@link #bind} starts each detail.
 */
final class RawDetailWriter implements DetailWriter {

    /** This thread's encoded names ({@code "name":}) by identity: decoders pass the same literals every time. */
    private static final int MAX_NAMES = 4096;
    private final IdentityCache<String, byte[]> names = new IdentityCache<>(MAX_NAMES);
    private final Function<String, byte[]> encodeName = this::encodeName;

    private RawText raw;
    private EncodedParts quoting;
    private boolean first;

    /** Appends the next detail's fields to {@code raw}, inside an object just opened there. */
    RawDetailWriter bind(RawText raw, EncodedParts quoting) {
        this.raw = raw;
        this.quoting = quoting;
        this.first = true;
        return this;
    }

    @Override
    public void number(String field, long value) {
        name(field);
        raw.reserve(20).number(value);
    }

    @Override
    public void decimal(String field, double value) {
        if (!Double.isFinite(value)) {
            return; // JSON has no NaN/Infinity and a double mapping rejects them
        }
        name(field);
        raw.ascii(Double.toString(value)); // what a generator with default settings writes
    }

    @Override
    public void text(String field, String value) {
        if (value == null) {
            return;
        }
        name(field);
        string(value);
    }

    @Override
    public void flag(String field, boolean value) {
        name(field);
        raw.ascii(value ? "true" : "false");
    }

    @Override
    public void numbers(String field, int[] values, int count) {
        if (values == null) {
            return;
        }
        int n = Math.min(Math.max(count, 0), values.length);
        name(field);
        raw.reserve(2 + 21 * n).put('['); // brackets, and the digits and a comma per number
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                raw.put(',');
            }
            raw.number(Integer.toUnsignedLong(values[i])); // the contract says unsigned
        }
        raw.put(']');
    }

    @Override
    public void texts(String field, List<String> values) {
        if (values == null) {
            return;
        }
        name(field);
        raw.reserve(1).put('[');
        boolean firstValue = true;
        for (int i = 0, n = values.size(); i < n; i++) {
            String value = values.get(i);
            if (value != null) {
                if (!firstValue) {
                    raw.reserve(1).put(',');
                }
                string(value);
                firstValue = false;
            }
        }
        raw.reserve(1).put(']');
    }

    private void name(String field) {
        if (!first) {
            raw.reserve(1).put(',');
        }
        first = false;
        byte[] name = names.get(field, encodeName);
        raw.bytes(name);
    }

    private byte[] encodeName(String field) {
        byte[] quoted = quoted(field);
        byte[] name = Arrays.copyOf(quoted, quoted.length + 1);
        name[quoted.length] = ':';
        return name;
    }

    private void string(String value) {
        if (RawText.plain(value)) {
            raw.reserve(value.length() + 2).put('"');
            raw.ascii(value).reserve(1).put('"');
        } else {
            raw.bytes(quoted(value));
        }
    }

    private byte[] quoted(String text) {
        if (RawText.plain(text)) {
            return ('"' + text + '"').getBytes(StandardCharsets.US_ASCII);
        }
        try {
            return quoting.quoted(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
