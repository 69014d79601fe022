package io.otsoc.collector.model;

import java.util.List;

/**
 * A detection: a rule or model judged some events dangerous or abnormal.
 *
 * @param timestampMicros when the triggering event happened
 * @param ruleId          stable rule or model id, e.g. {@code otsoc-modbus-write-from-new-client}
 * @param ruleName        human-readable rule name
 * @param ruleset         which rule family raised it (e.g. {@code attack-ics}, {@code zone-policy}, {@code baseline})
 * @param techniqueIds    MITRE ATT&amp;CK for ICS technique ids, e.g. {@code T0855}
 * @param severity        1 (low) to 4 (critical)
 * @param riskScore       0 to 100
 * @param message         one line saying what happened
 * @param events          the events that triggered it
 */
public record Alert(
        long timestampMicros,
        String ruleId,
        String ruleName,
        String ruleset,
        List<String> techniqueIds,
        int severity,
        int riskScore,
        String message,
        List<OtEvent> events) implements DomainRecord {

    public Alert {
        techniqueIds = List.copyOf(techniqueIds);
        events = List.copyOf(events);
    }
}
