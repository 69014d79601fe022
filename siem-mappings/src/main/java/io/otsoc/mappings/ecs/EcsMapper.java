package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.otsoc.collector.model.DomainRecord;

import java.io.IOException;

/**
 * Maps the domain model to Elastic Common Schema documents. The streaming form is the one used on the hot path;
 * the tree form is for tests and tools.
 */
public final class EcsMapper {

    private final String observerName;

    public EcsMapper(String observerName) {
        this.observerName = observerName;
    }

    /** Writes one ECS document as a JSON object to the generator. */
    public void write(DomainRecord record, JsonGenerator out) throws IOException {
        throw new UnsupportedOperationException("ECS mapping in progress");
    }

    /** The same document as a tree. */
    public ObjectNode toDocument(DomainRecord record) {
        throw new UnsupportedOperationException("ECS mapping in progress");
    }
}
