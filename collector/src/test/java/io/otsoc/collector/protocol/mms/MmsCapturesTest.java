package io.otsoc.collector.protocol.mms;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IEC 61850 MMS captures under {@code ../shared/pcaps/other} (no peer log exists for them), checked against the
 * packets as Wireshark's MMS dissector shows them: PDU types, invoke ids, services, variable names and error codes.
 */
class MmsCapturesTest {

    private static List<OtEvent> run(String capture, CollectorStats[] stats) {
        List<OtEvent> events = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap(capture)))) {
            stats[0] = new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(MmsSession.PROTOCOL)) {
                    events.add(e);
                }
            });
        }
        assertThat(stats[0].decoderErrors()).isEmpty();
        assertThat(stats[0].notThisProtocol()).isEmpty();
        return events;
    }

    private static OtEvent only(List<OtEvent> events, String action) {
        List<OtEvent> found = events.stream().filter(e -> e.action().equals(action)).toList();
        assertThat(found).as(action).hasSize(1);
        return found.get(0);
    }

    /**
     * Sample_File_MMS_and_GOOSE.pcap: one association on client port 1345 (frames 110-138 in Wireshark): initiate
     * (proposed version 1) accepted; getVariableAccessAttributes 303731 on AA1E1Q01FP2LD0/LLN0$BR$rcb_B02 refused
     * with access (7) / object-non-existent (2); read 303732 of the same name answered; conclude accepted. The other
     * server connections began before the capture: Wireshark stops at the presentation layer for want of the
     * negotiated contexts, we read on and find 28 information reports of the IEC 61850 report list "RPT", one per
     * TPKT (21 TPKTs to port 1069, 5 to 1083, 1 each to 1072 and 1089, as Wireshark counts them).
     */
    @Test
    void substationSampleAssociationAndReports() {
        CollectorStats[] stats = new CollectorStats[1];
        List<OtEvent> events = run("other/Sample_File_MMS_and_GOOSE.pcap", stats);

        OtEvent initiate = only(events, "initiate");
        assertThat(initiate.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(initiate.flow().clientPort()).isEqualTo(1345);
        assertThat(((MmsDetail) initiate.detail()).version()).isEqualTo(1);

        OtEvent attributes = only(events, "get_variable_access_attributes");
        MmsDetail a = (MmsDetail) attributes.detail();
        assertThat(attributes.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(attributes.category()).isEqualTo(EventCategory.DISCOVERY);
        assertThat(a.invokeId()).isEqualTo(303731);
        assertThat(a.variables()).containsExactly("AA1E1Q01FP2LD0/LLN0$BR$rcb_B02");
        assertThat(a.errorClass()).isEqualTo(7);
        assertThat(a.errorCode()).isEqualTo(2);
        assertThat(attributes.durationMicros()).isPositive();

        OtEvent read = only(events, "read");
        MmsDetail r = (MmsDetail) read.detail();
        assertThat(read.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(r.invokeId()).isEqualTo(303732);
        assertThat(r.variables()).containsExactly("AA1E1Q01FP2LD0/LLN0$BR$rcb_B02");
        assertThat(r.responsePduType()).isEqualTo("confirmed_response");

        assertThat(only(events, "conclude").outcome()).isEqualTo(Outcome.SUCCESS);

        Map<Integer, Integer> reportsByPort = new TreeMap<>();
        for (OtEvent e : events) {
            if (e.action().equals("information_report")) {
                assertThat(((MmsDetail) e.detail()).variableListName()).isEqualTo("RPT");
                reportsByPort.merge(e.flow().clientPort(), 1, Integer::sum);
            }
        }
        assertThat(reportsByPort).containsExactlyEntriesOf(Map.of(1069, 21, 1072, 1, 1083, 5, 1089, 1)
                .entrySet().stream().collect(TreeMap::new, (m, en) -> m.put(en.getKey(), en.getValue()), Map::putAll));
        assertThat(events).hasSize(4 + 28);
        assertThat(stats[0].malformed()).isEmpty();
    }

    /**
     * iec61850_mms_read.pcap: the server's ACCEPT SPDU (frame 10) declares more parameter bytes than the data unit
     * holds (Wireshark marks it malformed too): one malformed report. The read of the vmd-specific variable "mu"
     * (invoke 0) is answered; the initiate is never accepted; the conclude request is answered by a second
     * confirmed-ResponsePDU for invoke 0 (frame 18), which pairs with nothing and is reported alone.
     */
    @Test
    void readCaptureWithAMalformedAccept() {
        CollectorStats[] stats = new CollectorStats[1];
        List<OtEvent> events = run("other/iec61850_mms_read.pcap", stats);
        OtEvent malformed = only(events, "malformed_message");
        assertThat(malformed.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(malformed.errorMessage()).contains("ISO session SPDU 14").contains("138-byte data unit");
        OtEvent read = only(events, "read");
        assertThat(read.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(((MmsDetail) read.detail()).variables()).containsExactly("mu");
        assertThat(only(events, "initiate").outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(only(events, "conclude").outcome()).isEqualTo(Outcome.UNKNOWN);
        OtEvent lone = only(events, "unknown_service");
        assertThat(((MmsDetail) lone.detail()).invokeId()).isZero();
        assertThat(events).hasSize(5);
    }
}
