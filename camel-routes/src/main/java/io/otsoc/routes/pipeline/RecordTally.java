package io.otsoc.routes.pipeline;

import io.otsoc.collector.model.Alert;
import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.model.Incident;
import io.otsoc.collector.model.OtEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what the pipeline mapped: events per protocol, assets, alerts, incidents, and the records that could not
 * be mapped with the first few reasons. Written by one collector thread (where records are mapped); one tally per
 * lane, {@link #merged merged} at the end.
 */
final class RecordTally {

    static final int REASONS_KEPT = 5;

    private final Map<String, long[]> eventsByProtocol = new HashMap<>();
    private long assets;
    private long alerts;
    private long incidents;
    private long unmapped;
    private final List<String> unmappedReasons = new ArrayList<>();

    void count(DomainRecord record) {
        if (record instanceof OtEvent event) {
            eventsByProtocol.computeIfAbsent(event.protocol(), p -> new long[1])[0]++;
        } else if (record instanceof Asset) {
            assets++;
        } else if (record instanceof Alert) {
            alerts++;
        } else if (record instanceof Incident) {
            incidents++;
        }
    }

    void unmapped(DomainRecord record, RuntimeException problem) {
        unmapped++;
        if (unmappedReasons.size() < REASONS_KEPT) {
            unmappedReasons.add(describe(record) + ": " + problem);
        }
    }

    /** The counts of several tallies (one per lane) together, read once their threads have finished. */
    static RecordCounts merged(List<RecordTally> tallies) {
        Map<String, Long> byProtocol = new TreeMap<>();
        long assets = 0;
        long alerts = 0;
        long incidents = 0;
        long unmapped = 0;
        List<String> reasons = new ArrayList<>();
        for (RecordTally tally : tallies) {
            tally.eventsByProtocol.forEach((protocol, count) -> byProtocol.merge(protocol, count[0], Long::sum));
            assets += tally.assets;
            alerts += tally.alerts;
            incidents += tally.incidents;
            unmapped += tally.unmapped;
            for (String reason : tally.unmappedReasons) {
                if (reasons.size() < REASONS_KEPT) {
                    reasons.add(reason);
                }
            }
        }
        return new RecordCounts(byProtocol, assets, alerts, incidents, unmapped, reasons);
    }


    private static String describe(DomainRecord record) {
        String kind;
        if (record instanceof OtEvent event) {
            kind = event.protocol() + " " + event.action() + " event";
        } else if (record instanceof Asset asset) {
            kind = "asset " + asset.id();
        } else if (record instanceof Alert alert) {
            kind = "alert " + alert.ruleId();
        } else {
            kind = "incident " + ((Incident) record).key();
        }
        return kind + " at " + record.timestampMicros() + " µs";
    }
}
