package io.otsoc.mappings.opensearch;

import io.otsoc.collector.model.Alert;
import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.Incident;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IndexRoutingTest {

    private static final FlowRef FLOW = new FlowRef(null, "tcp", null, null, "10.0.0.1", 40000, "10.0.0.2", 502, -1);
    private static final OtEvent EVENT = new OtEvent(1L, -1, FLOW, "modbus", "read_coils", EventCategory.READ,
            Outcome.SUCCESS, null, out -> { });
    private static final Alert ALERT = new Alert(1L, "r", "rule", "attack-ics", List.of("T0855"), 2, 50, "m",
            List.of(EVENT));
    private static final Asset ASSET = new Asset("00:11:22:33:44:55", "00:11:22:33:44:55", List.of("10.0.0.2"),
            List.of(), null, 1L, 2L);

    @Test
    void eventsGoToTheEventsDataStream() {
        assertThat(IndexRouting.indexFor(EVENT)).isEqualTo("otsoc-events-default");
        assertThat(IndexRouting.documentIdFor(EVENT)).isNull();
        assertThat(IndexRouting.isDataStream(EVENT)).isTrue();
    }

    @Test
    void alertsAndIncidentsShareTheAlertsDataStream() {
        Incident incident = new Incident("k", 1L, 2, Incident.State.OPEN, List.of(ALERT));
        assertThat(IndexRouting.indexFor(ALERT)).isEqualTo("otsoc-alerts-default");
        assertThat(IndexRouting.indexFor(incident)).isEqualTo("otsoc-alerts-default");
        assertThat(IndexRouting.documentIdFor(ALERT)).isNull();
        assertThat(IndexRouting.documentIdFor(incident)).isNull();
    }

    @Test
    void anAssetIsOneDocumentPerIdInThePlainIndex() {
        assertThat(IndexRouting.indexFor(ASSET)).isEqualTo("otsoc-assets");
        assertThat(IndexRouting.documentIdFor(ASSET)).isEqualTo("00:11:22:33:44:55");
        assertThat(IndexRouting.isDataStream(ASSET)).isFalse();
    }
}
