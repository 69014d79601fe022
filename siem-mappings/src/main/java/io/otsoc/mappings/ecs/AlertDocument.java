package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.otsoc.collector.model.Alert;
import io.otsoc.collector.model.OtEvent;

import java.io.IOException;
import java.util.List;

import static io.otsoc.mappings.ecs.EcsNames.ID;
import static io.otsoc.mappings.ecs.EcsNames.MESSAGE;
import static io.otsoc.mappings.ecs.EcsNames.NAME;
import static io.otsoc.mappings.ecs.EcsNames.RISK_SCORE;
import static io.otsoc.mappings.ecs.EcsNames.RULE;
import static io.otsoc.mappings.ecs.EcsNames.RULESET;
import static io.otsoc.mappings.ecs.EcsNames.SEVERITY;

/**
 * A detection as an ECS {@code event.kind: alert} document: rule, severity, ATT&amp;CK for ICS threat fields, and
 * the conversation of the (first) triggering event in {@code network}/{@code source}/{@code destination}, with
 * every triggering event's addresses in {@code related.ip}.
 */
final class AlertDocument {

    /** network + intrusion_detection share {@code info}; a passive sensor neither allows nor denies. */
    static final List<SerializedString> CATEGORIES = List.of(EcsNames.V_NETWORK, EcsNames.V_INTRUSION_DETECTION);
    static final List<SerializedString> TYPES = List.of(EcsNames.V_INFO);

    private final DocumentHead head;
    private final ThreatFields threat;
    private final ProtocolNames protocols = new ProtocolNames();

    AlertDocument(DocumentHead head, ThreatFields threat) {
        this.head = head;
        this.threat = threat;
    }

    void write(Alert alert, JsonGenerator out, MappingScratch scratch) throws IOException {
        head.open(out, alert.timestampMicros(), scratch);
        JsonFields.string(out, MESSAGE, alert.message());
        DocumentHead.openEvent(out, EcsNames.V_ALERT, CATEGORIES, TYPES, EcsNames.V_DATASET_ALERT);
        out.writeFieldName(SEVERITY);
        out.writeNumber(alert.severity());
        out.writeFieldName(RISK_SCORE);
        out.writeNumber(alert.riskScore());
        out.writeEndObject();
        head.observer(out);

        out.writeFieldName(RULE);
        out.writeStartObject();
        JsonFields.string(out, ID, alert.ruleId());
        JsonFields.string(out, NAME, alert.ruleName());
        JsonFields.string(out, RULESET, alert.ruleset());
        out.writeEndObject();

        threat.write(out, alert.techniqueIds());

        if (!alert.events().isEmpty()) {
            OtEvent first = alert.events().get(0);
            FlowStrings flow = scratch.flows.of(first.flow());
            FlowFields.network(out, flow, protocols.of(first.protocol()).protocol());
            FlowFields.endpoints(out, flow);
        }
        RelatedIps.write(out, RelatedIps.ofEvents(alert.events()));
        out.writeEndObject();
    }
}
