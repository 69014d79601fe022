package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.NumberOutput;
import io.otsoc.collector.model.OtEvent;

import java.io.IOException;
import java.io.UncheckedIOException;

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

    private final DocumentHead head;
    private final ProtocolNames protocols = new ProtocolNames();

    EventDocument(DocumentHead head) {
        this.head = head;
    }

    void write(OtEvent event, JsonGenerator out, MappingScratch scratch) throws IOException {
        ProtocolNames.Names protocol = protocols.of(event.protocol());
        FlowStrings flow = scratch.flows.of(event.flow());
        if (EcsJsonFactory.takesEncodedParts(out) && plain(event.action())) {
            writeFromParts(event, out, scratch, protocol, flow);
        } else {
            writeTokens(event, out, scratch, protocol, flow);
        }
        writeDetail(event, out, scratch, protocol);
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

    /** The same fields as {@link #writeTokens}, the fixed ones copied in as encoded once. */
    private void writeFromParts(OtEvent event, JsonGenerator out, MappingScratch scratch,
                                ProtocolNames.Names protocol, FlowStrings flow) throws IOException {
        out.writeStartObject();
        JsonFields.date(out, TIMESTAMP, event.timestampMicros(), scratch);
        out.writeRaw(protocol.eventHead(event.category(), scratch.parts));

        String action = event.action();
        String outcome = EventCategorisation.outcome(event.outcome()).getValue();
        char[] c = scratch.raw(0, action.length() + outcome.length() + 160);
        int n = append(c, 0, ",\"action\":\"");
        n = append(c, n, action);
        n = append(c, n, "\",\"outcome\":\"");
        n = append(c, n, outcome);
        c[n++] = '"';
        long durationMicros = event.durationMicros();
        if (durationMicros >= 0) {
            n = append(c, n, ",\"duration\":");
            n = NumberOutput.outputLong(durationMicros * 1000L, c, n);
            n = append(c, n, ",\"start\":\"");
            n = date(c, n, event.timestampMicros(), scratch);
            n = append(c, n, "\",\"end\":\"");
            n = date(c, n, event.timestampMicros() + durationMicros, scratch);
            c[n++] = '"';
        }
        c[n++] = '}';
        out.writeRaw(c, 0, n);

        out.writeRaw(flow.eventTail(head, protocol, scratch.parts));
    }

    /** {@code error}, {@code otsoc.category}, {@code otsoc.<protocol>.*}, and the end of the document. */
    private static void writeDetail(OtEvent event, JsonGenerator out, MappingScratch scratch,
                                    ProtocolNames.Names protocol) throws IOException {
        if (event.errorMessage() != null) {
            out.writeFieldName(ERROR);
            out.writeStartObject();
            out.writeFieldName(MESSAGE);
            out.writeString(event.errorMessage());
            out.writeEndObject();
        }

        out.writeFieldName(OTSOC);
        out.writeStartObject();
        out.writeFieldName(CATEGORY);
        out.writeString(EventCategorisation.of(event.category()).otsocCategory());
        out.writeFieldName(protocol.protocol());
        out.writeStartObject();
        try {
            event.detail().writeFields(scratch.detail.bind(out));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.writeEndObject();
        out.writeEndObject();

        out.writeEndObject();
    }

    /** {@code observer}, {@code network}, {@code source}, {@code destination}, {@code related}. */
    static void flowFields(JsonGenerator out, DocumentHead head, FlowStrings flow, ProtocolNames.Names protocol)
            throws IOException {
        head.observer(out);
        FlowFields.network(out, flow, protocol.protocol());
        FlowFields.endpoints(out, flow);
        FlowFields.relatedIps(out, flow);
    }

    /** Whether the text is written in JSON as it is: printable ASCII without quote or backslash. */
    static boolean plain(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 || ch > 0x7E || ch == '"' || ch == '\\') {
                return false;
            }
        }
        return true;
    }

    private static int append(char[] c, int at, String text) {
        text.getChars(0, text.length(), c, at);
        return at + text.length();
    }

    private static int date(char[] c, int at, long micros, MappingScratch scratch) {
        int length = scratch.timestamp.format(micros, scratch.chars);
        System.arraycopy(scratch.chars, 0, c, at, length);
        return at + length;
    }
}
