package io.otsoc.routes.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.mappings.ecs.EcsJsonFactory;
import io.otsoc.mappings.ecs.EcsMapper;
import io.otsoc.mappings.opensearch.IndexRouting;
import io.otsoc.routes.delivery.EcsDocument;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The production encoder: {@link EcsMapper} streams each record into one reused generator and buffer, and
 * {@link IndexRouting} names its target, so a record costs one streaming pass and one copy of its bytes.
 */
public final class EcsDocumentEncoder implements DocumentEncoder {

    // No separator between root values: the buffer is emptied after every document anyway, and a separator
    // would otherwise lead every document but the first.
    private static final JsonFactory JSON = new EcsJsonFactory(null);
    // A codec lets the mapper write trees (writeTree) as well as tokens.
    private static final ObjectMapper CODEC = new ObjectMapper(JSON);

    private final EcsMapper mapper;
    private final String observerName;
    private final DocumentBuffer buffer = new DocumentBuffer(4096);
    private JsonGenerator generator;

    public EcsDocumentEncoder(String observerName) {
        this.mapper = new EcsMapper(observerName);
        this.observerName = observerName;
    }

    /** An encoder over a given mapper; it has no {@link #twin()}, since the mapper's settings are not known. */
    public EcsDocumentEncoder(EcsMapper mapper) {
        this.mapper = mapper;
        this.observerName = null;
    }

    /** An encoder for the same sensor name, with its own mapper and buffers. */
    @Override
    public DocumentEncoder twin() {
        return observerName == null ? null : new EcsDocumentEncoder(observerName);
    }

    @Override
    public EcsDocument encode(DomainRecord record) {
        String index = IndexRouting.indexFor(record);
        String id = IndexRouting.documentIdFor(record);
        try {
            JsonGenerator out = generator();
            buffer.reset();
            mapper.write(record, out);
            out.flush();
            if (!out.getOutputContext().inRoot()) {
                throw new IllegalStateException("the ECS mapping left a JSON object open");
            }
            return new EcsDocument(index, id, buffer.toByteArray());
        } catch (IOException e) {
            discardGenerator();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // The generator may be mid-object now: start the next record on a fresh one.
            discardGenerator();
            throw e;
        }
    }

    private JsonGenerator generator() throws IOException {
        if (generator == null) {
            generator = CODEC.getFactory().createGenerator(buffer);
        }
        return generator;
    }

    private void discardGenerator() {
        generator = null;
        buffer.reset();
    }
}
