package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
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

/** One decoded OT transaction as an ECS {@code event.kind: event} document. The hot path. */
final class EventDocument {

    private final DocumentHead head;
    private final ProtocolNames protocols = new ProtocolNames();

    EventDocument(DocumentHead head) {
        this.head = head;
    }

    void write(OtEvent event, JsonGenerator out, MappingScratch scratch) throws IOException {
        ProtocolNames.Names protocol = protocols.of(event.protocol());
        EventCategorisation.Values categorisation = EventCategorisation.of(event.category());
        FlowStrings flow = scratch.flows.of(event.flow());

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

        head.observer(out);
        FlowFields.network(out, flow, protocol.protocol());
        FlowFields.endpoints(out, flow);
        FlowFields.relatedIps(out, flow);

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
        out.writeString(categorisation.otsocCategory());
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
}
