package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.util.List;

import static io.otsoc.mappings.ecs.EcsNames.CATEGORY;
import static io.otsoc.mappings.ecs.EcsNames.DATASET;
import static io.otsoc.mappings.ecs.EcsNames.ECS;
import static io.otsoc.mappings.ecs.EcsNames.EVENT;
import static io.otsoc.mappings.ecs.EcsNames.KIND;
import static io.otsoc.mappings.ecs.EcsNames.MODULE;
import static io.otsoc.mappings.ecs.EcsNames.NAME;
import static io.otsoc.mappings.ecs.EcsNames.OBSERVER;
import static io.otsoc.mappings.ecs.EcsNames.PRODUCT;
import static io.otsoc.mappings.ecs.EcsNames.TIMESTAMP;
import static io.otsoc.mappings.ecs.EcsNames.TYPE;
import static io.otsoc.mappings.ecs.EcsNames.VENDOR;
import static io.otsoc.mappings.ecs.EcsNames.VERSION;

/** The parts every document starts with: time, ECS version, the opening of {@code event}, and the observer. */
final class DocumentHead {

    private final SerializedString observerName;

    DocumentHead(String observerName) {
        this.observerName = new SerializedString(observerName);
    }

    /** Opens the document and writes {@code @timestamp}, {@code ecs.version}. */
    void open(JsonGenerator out, long micros, MappingScratch scratch) throws IOException {
        out.writeStartObject();
        JsonFields.date(out, TIMESTAMP, micros, scratch);
        ecsVersion(out);
    }

    /** {@code ecs.version}. */
    static void ecsVersion(JsonGenerator out) throws IOException {
        out.writeFieldName(ECS);
        out.writeStartObject();
        out.writeFieldName(VERSION);
        out.writeString(EcsNames.V_ECS_VERSION);
        out.writeEndObject();
    }

    /** Opens {@code event} with kind, category, type, module and dataset; the caller adds more and closes it. */
    static void openEvent(JsonGenerator out, SerializableString kind, List<? extends SerializableString> categories,
                          List<? extends SerializableString> types, SerializableString dataset)
            throws IOException {
        out.writeFieldName(EVENT);
        out.writeStartObject();
        out.writeFieldName(KIND);
        out.writeString(kind);
        JsonFields.values(out, CATEGORY, categories);
        JsonFields.values(out, TYPE, types);
        out.writeFieldName(MODULE);
        out.writeString(EcsNames.V_OTSOC);
        out.writeFieldName(DATASET);
        out.writeString(dataset);
    }

    /** The sensor: {@code observer.name/type/vendor/product}. */
    void observer(JsonGenerator out) throws IOException {
        out.writeFieldName(OBSERVER);
        out.writeStartObject();
        out.writeFieldName(NAME);
        out.writeString(observerName);
        out.writeFieldName(TYPE);
        out.writeString(EcsNames.V_SENSOR);
        out.writeFieldName(VENDOR);
        out.writeString(EcsNames.V_OTSOC);
        out.writeFieldName(PRODUCT);
        out.writeString(EcsNames.V_OTSOC);
        out.writeEndObject();
    }
}
