package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.otsoc.collector.model.DetailWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streams a protocol detail's fields into the open {@code otsoc.<protocol>} object. {@link DetailWriter} cannot
 * throw checked exceptions, so generator failures travel as {@link UncheckedIOException} and are unwrapped by
 * the mapper. Reused per thread: {@link #bind} sets the generator before each detail.
 */
final class JsonDetailWriter implements DetailWriter {

    /**
     * Detail field names, encoded once: decoders use a fixed set of literal names. Capped so that a decoder
     * building names dynamically cannot grow it without bound (past the cap names are encoded per use).
     */
    private static final int MAX_NAMES = 4096;
    private static final ConcurrentHashMap<String, SerializedString> NAMES = new ConcurrentHashMap<>();

    private JsonGenerator out;

    /** This thread's names by identity: decoders pass the same literals every time, so most are found unhashed. */
    private final IdentityCache<String, SerializedString> recentNames = new IdentityCache<>(MAX_NAMES);

    private void name(String field) throws IOException {
        SerializedString name = recentNames.get(field, JsonDetailWriter::sharedName);
        if (name == null) {
            out.writeFieldName(field);
        } else {
            out.writeFieldName(name);
        }
    }

    /** The shared encoded name, or null past the cap (then the name is encoded per use). */
    private static SerializedString sharedName(String field) {
        SerializedString name = NAMES.get(field);
        if (name == null && NAMES.size() < MAX_NAMES) {
            name = NAMES.computeIfAbsent(field, SerializedString::new);
        }
        return name;
    }

    JsonDetailWriter bind(JsonGenerator generator) {
        this.out = generator;
        return this;
    }

    @Override
    public void number(String field, long value) {
        try {
            name(field);
            // Same text either way; an int where it fits makes the tree form (a token buffer) hold the IntNode a
            // parser gives for the text, so that a document read back equals its tree.
            if (value == (int) value) {
                out.writeNumber((int) value);
            } else {
                out.writeNumber(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void decimal(String field, double value) {
        if (!Double.isFinite(value)) {
            return; // JSON has no NaN/Infinity and a double mapping rejects them
        }
        try {
            name(field);
            out.writeNumber(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void text(String field, String value) {
        if (value == null) {
            return;
        }
        try {
            name(field);
            out.writeString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flag(String field, boolean value) {
        try {
            name(field);
            out.writeBoolean(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void numbers(String field, int[] values, int count) {
        if (values == null) {
            return;
        }
        int n = Math.min(Math.max(count, 0), values.length);
        try {
            name(field);
            out.writeStartArray();
            for (int i = 0; i < n; i++) {
                out.writeNumber(Integer.toUnsignedLong(values[i])); // the contract says unsigned
            }
            out.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void texts(String field, List<String> values) {
        if (values == null) {
            return;
        }
        try {
            name(field);
            out.writeStartArray();
            for (int i = 0, n = values.size(); i < n; i++) {
                String value = values.get(i);
                if (value != null) {
                    out.writeString(value);
                }
            }
            out.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
