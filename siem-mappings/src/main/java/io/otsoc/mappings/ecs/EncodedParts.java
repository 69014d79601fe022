package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.Arrays;

/**
 * Encodes a run of fields once, by the same token-writing code as a whole document, so that they can be copied
 * into later documents as they are: the result is what those fields look like inside an object that already has a
 * field, each with its leading comma. One per thread (it reuses its generator and buffer).
 */
final class EncodedParts {

    /** Writes some fields into the object the generator is in. */
    @FunctionalInterface
    interface Fields {
        void write(JsonGenerator out) throws IOException;
    }

    private static final EcsJsonFactory JSON = new EcsJsonFactory(null);

    private final MappingScratch.Bytes bytes = new MappingScratch.Bytes();
    private JsonGenerator generator;

    /**
     * The fields as encoded JSON. {@code leftOpen} is how many objects the fields open and leave open (e.g. 1 for
     * {@code "event":{"kind":...}} to be continued and closed by the caller); they are not part of the result.
     */
    EncodedJson of(Fields fields, int leftOpen) throws IOException {
        JsonGenerator generator = generator();
        try {
            generator.writeStartObject();
            generator.writeFieldName("_");
            generator.writeNumber(0);
            generator.flush();
            int start = bytes.size;
            fields.write(generator);
            for (int i = 0; i < leftOpen; i++) {
                generator.writeEndObject();
            }
            generator.writeEndObject();
            generator.flush();
            int end = bytes.size - (leftOpen + 1); // no pretty printer: each closing is one '}'
            return new EncodedJson(Arrays.copyOfRange(bytes.data, start, end));
        } catch (IOException | RuntimeException e) {
            generator = null; // its state is unknown now
            throw e;
        }
    }

    /** The text as a quoted JSON string, escaped as a generator with default settings escapes it. */
    byte[] quoted(String text) throws IOException {
        JsonGenerator generator = generator();
        try {
            generator.writeString(text);
            generator.flush();
            return Arrays.copyOf(bytes.data, bytes.size);
        } catch (IOException | RuntimeException e) {
            this.generator = null;
            throw e;
        }
    }

    /** The generator, over an emptied buffer. */
    private JsonGenerator generator() throws IOException {
        if (generator == null) {
            generator = JSON.createGenerator(bytes, JsonEncoding.UTF8);
        }
        bytes.size = 0;
        return generator;
    }
}
