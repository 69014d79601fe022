package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import io.otsoc.collector.model.Alert;
import io.otsoc.collector.model.Incident;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import static io.otsoc.mappings.ecs.EcsNames.ALERT_COUNT;
import static io.otsoc.mappings.ecs.EcsNames.END;
import static io.otsoc.mappings.ecs.EcsNames.INCIDENT;
import static io.otsoc.mappings.ecs.EcsNames.KEY;
import static io.otsoc.mappings.ecs.EcsNames.OTSOC;
import static io.otsoc.mappings.ecs.EcsNames.RISK_SCORE;
import static io.otsoc.mappings.ecs.EcsNames.SEVERITY;
import static io.otsoc.mappings.ecs.EcsNames.START;
import static io.otsoc.mappings.ecs.EcsNames.STATE;

/**
 * Correlated alerts as one {@code event.kind: alert} document of dataset {@code otsoc.incident}: key, state and
 * alert count under {@code otsoc.incident}, the highest severity and risk, the time span of its alerts, and the
 * union of their techniques and addresses.
 */
final class IncidentDocument {

    private final DocumentHead head;
    private final ThreatFields threat;

    IncidentDocument(DocumentHead head, ThreatFields threat) {
        this.head = head;
        this.threat = threat;
    }

    void write(Incident incident, JsonGenerator out, MappingScratch scratch) throws IOException {
        head.open(out, incident.timestampMicros(), scratch);
        DocumentHead.openEvent(out, EcsNames.V_ALERT, AlertDocument.CATEGORIES, AlertDocument.TYPES,
                EcsNames.V_DATASET_INCIDENT);
        out.writeFieldName(SEVERITY);
        out.writeNumber(incident.severity());
        if (!incident.alerts().isEmpty()) {
            long start = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            int risk = 0;
            for (Alert alert : incident.alerts()) {
                start = Math.min(start, alert.timestampMicros());
                end = Math.max(end, alert.timestampMicros());
                risk = Math.max(risk, alert.riskScore());
            }
            out.writeFieldName(RISK_SCORE);
            out.writeNumber(risk);
            JsonFields.date(out, START, start, scratch);
            JsonFields.date(out, END, end, scratch);
        }
        out.writeEndObject();
        head.observer(out);

        Set<String> techniques = new LinkedHashSet<>();
        Set<String> ips = new LinkedHashSet<>();
        for (Alert alert : incident.alerts()) {
            techniques.addAll(alert.techniqueIds());
            alert.events().forEach(event -> RelatedIps.add(ips, event));
        }
        threat.write(out, techniques);
        RelatedIps.write(out, ips);

        out.writeFieldName(OTSOC);
        out.writeStartObject();
        out.writeFieldName(INCIDENT);
        out.writeStartObject();
        JsonFields.string(out, KEY, incident.key());
        if (incident.state() != null) {
            out.writeFieldName(STATE);
            out.writeString(incident.state().name().toLowerCase(Locale.ROOT));
        }
        out.writeFieldName(ALERT_COUNT);
        out.writeNumber(incident.alerts().size());
        out.writeEndObject();
        out.writeEndObject();

        out.writeEndObject();
    }
}
