package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import io.otsoc.collector.model.OtEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static io.otsoc.mappings.ecs.EcsNames.ACTION;
import static io.otsoc.mappings.ecs.EcsNames.CATEGORY;
import static io.otsoc.mappings.ecs.EcsNames.DURATION;
import static io.otsoc.mappings.ecs.EcsNames.END;
import static io.otsoc.mappings.ecs.EcsNames.ERROR;
import static io.otsoc.mappings.ecs.EcsNames.MESSAGE;
import static io.otsoc.mappings.ecs.EcsNames.OTSOC;
import static io.otsoc.mappings.ecs.EcsNames.OUTCOME;
import static io.otsoc.mappings.ecs.EcsNames.START;
import static io.otsoc.mappings.ecs.EcsNames.TIMESTAMP;

/**
 * One decoded OT transaction as an ECS {@code event.kind: event} document. The hot path.
 *
 * <p>Most of a document is fixed for its flow (observer, network, endpoints, related addresses) or for its protocol
 * and category (ECS version, the fixed {@code event} fields). Into a generator that takes encoded parts
 * ({@link EcsJsonFactory}) those are copied as encoded once, and the rest of {@code event} is written as plain text;
 * any other generator gets the same document token by token.
 */
final class EventDocument {

    private static final byte[] DURATION_FIELD = ",\"duration\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] START_FIELD = ",\"start\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_FIELD = ",\"end\":".getBytes(StandardCharsets.US_ASCII);

    private final DocumentHead head;
    private final ProtocolNames protocols = new ProtocolNames();

    EventDocument(DocumentHead head) {
        this.head = head;
    }

    void write(OtEvent event, JsonGenerator out, MappingScratch scratch) throws IOException {
        ProtocolNames.Names protocol = scratch.protocolNames(protocols, event.protocol());
        FlowStrings flow = scratch.flows.of(event.flow());
        boolean parts = EcsJsonFactory.takesEncodedParts(out);
        byte[] actionField = parts ? scratch.actionField(event.action()) : null;
        if (actionField != null) {
            writeFromParts(event, out, scratch, protocol, flow, actionField);
        } else {
            writeTokens(event, out, scratch, protocol, flow);
        }
        writeDetail(event, out, scratch, protocol, parts);
    }

    private void writeTokens(OtEvent event, JsonGenerator out, MappingScratch scratch, ProtocolNames.Names protocol,
                             FlowStrings flow) throws IOException {
        EventCategorisation.Values categorisation = EventCategorisation.of(event.category());
        head.open(out, event.timestampMicros(), scratch);

        DocumentHead.openEvent(out, EcsNames.V_EVENT, categorisation.categories(), categorisation.types(),
                protocol.dataset());
        out.writeFieldName(ACTION);
        out.writeString(event.action());
        out.writeFieldName(OUTCOME);
        out.writeString(EventCategorisation.outcome(event.outcome()));
        long durationMicros = event.durationMicros();
        if (durationMicros >= 0) {
            out.writeFieldName(DURATION);
            out.writeNumber(durationMicros * 1000L); // ECS wants nanoseconds
            JsonFields.date(out, START, event.timestampMicros(), scratch);
            JsonFields.date(out, END, event.timestampMicros() + durationMicros, scratch);
        }
        out.writeEndObject();

        flowFields(out, head, flow, protocol);
    }

    /** The same fields as {@link #writeTokens}, the fixed ones copied in as encoded once, the rest as raw text. */
    private void writeFromParts(OtEvent event, JsonGenerator out, MappingScratch scratch,
                                ProtocolNames.Names protocol, FlowStrings flow, byte[] actionField)
            throws IOException {
        // @timestamp through the generator, so that it knows the object has a field and puts commas after it.
        out.writeStartObject();
        out.writeFieldName(TIMESTAMP);
        // event.start is the same instant: formatted once, quoted twice.
        int timestampLength = scratch.timestamp.format(event.timestampMicros(), scratch.chars);
        out.writeRawValue(quoted(scratch.raw.clear(), scratch.chars, timestampLength));
        out.writeRaw(protocol.eventHead(event.category(), scratch.parts));

        RawText raw = scratch.raw.clear();
        raw.bytes(actionField).bytes(EventCategorisation.outcomeField(event.outcome()));
        long durationMicros = event.durationMicros();
        if (durationMicros >= 0) {
            raw.bytes(DURATION_FIELD).reserve(20).number(durationMicros * 1000L); // ECS wants nanoseconds
            quoted(raw.bytes(START_FIELD), scratch.chars, timestampLength);
            date(raw.bytes(END_FIELD), event.timestampMicros() + durationMicros, scratch);
        }
        raw.reserve(1).put('}');
        out.writeRaw(raw);

        out.writeRaw(flow.eventTail(head, protocol, scratch.parts));
    }

    /** The {@code error.type} of a message that broke its protocol's rules, so analysts can filter them out or in. */
    static final String MALFORMED_ERROR_TYPE = "malformed";

    /** {@code error}, {@code otsoc.category}, {@code otsoc.<protocol>.*}, and the end of the document. */
    private static void writeDetail(OtEvent event, JsonGenerator out, MappingScratch scratch,
                                    ProtocolNames.Names protocol, boolean parts) throws IOException {
        if (event.errorMessage() != null) {
            out.writeFieldName(ERROR);
            out.writeStartObject();
            out.writeFieldName(MESSAGE);
            out.writeString(event.errorMessage());
            if (event.malformed()) {
                out.writeFieldName(EcsNames.TYPE);
                out.writeString(MALFORMED_ERROR_TYPE);
            }
            out.writeEndObject();
        }

        if (parts) {
            // The top-level object has fields already, so raw fields that bring their own comma fit in.
            RawText raw = scratch.raw.clear();
            raw.bytes(protocol.otsocHead(event.category(), scratch.parts).asUnquotedUTF8());
            try {
                event.detail().writeFields(scratch.rawDetail.bind(raw, scratch.parts));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            out.writeRaw(raw.reserve(2).put('}').put('}'));
        } else {
            openOtsoc(out, EventCategorisation.of(event.category()), protocol.protocol());
            try {
                event.detail().writeFields(scratch.detail.bind(out));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            out.writeEndObject();
            out.writeEndObject();
        }

        out.writeEndObject();
    }

    /** Opens {@code otsoc} with its {@code category}, and {@code otsoc.<protocol>} for the detail. */
    static void openOtsoc(JsonGenerator out, EventCategorisation.Values categorisation, SerializableString protocol)
            throws IOException {
        out.writeFieldName(OTSOC);
        out.writeStartObject();
        out.writeFieldName(CATEGORY);
        out.writeString(categorisation.otsocCategory());
        out.writeFieldName(protocol);
        out.writeStartObject();
    }

    /** {@code observer}, {@code network}, {@code source}, {@code destination}, {@code related}. */
    static void flowFields(JsonGenerator out, DocumentHead head, FlowStrings flow, ProtocolNames.Names protocol)
            throws IOException {
        head.observer(out);
        FlowFields.network(out, flow, protocol.protocol());
        FlowFields.endpoints(out, flow);
        FlowFields.relatedIps(out, flow);
    }

    /** A quoted ISO-8601 date, as {@link JsonFields#date} writes it (its characters never need escaping). */
    private static RawText date(RawText raw, long micros, MappingScratch scratch) {
        return quoted(raw, scratch.chars, scratch.timestamp.format(micros, scratch.chars));
    }

    /** {@code chars}, a formatted date, in quotes. */
    private static RawText quoted(RawText raw, char[] chars, int length) {
        raw.reserve(length + 2).put('"');
        return raw.ascii(chars, length).put('"');
    }
}
