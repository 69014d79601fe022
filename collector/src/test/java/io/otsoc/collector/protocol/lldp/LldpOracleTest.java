package io.otsoc.collector.protocol.lldp;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.collector.testing.ZeekLog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end against the only LLDP oracle, Zeek's {@code unknown_protocols.log} for {@code lldp.pcap}: Zeek has no
 * LLDP analyzer and logs the frame as an unknown protocol with its EtherType ({@code protocol_id} 0x88cc,
 * {@code protocol_id_num} 35020) and its first 10 payload bytes ({@code first_bytes}). What it says is compared
 * with what we decoded: one LLDP event per logged frame, and the first bytes rebuilt from our decoded chassis id
 * TLV (header with type 1 and length, subtype, the MAC) and the type of the TLV after it (the port id TLV, type 2).
 */
class LldpOracleTest {

    @Test
    void agreesWithZeekUnknownProtocolsLog() {
        List<OtEvent> events = new ArrayList<>();
        CollectorStats stats;
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap("lldp/lldp.pcap")))) {
            stats = new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(LldpDecoder.PROTOCOL)) {
                    events.add(e);
                }
            });
        }
        ZeekLog log = ZeekLog.read(SharedFixtures.pcap("lldp/lldp.pcap.zeek.unknown-protocol-log.unknown_protocols.log"));
        int records = log.rows().size();
        int matched = 0;
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            ZeekLog.Row row = log.rows().get(i);
            if (i >= events.size()) {
                differences.add("row " + i + " has no event");
                continue;
            }
            LldpDetail d = (LldpDetail) events.get(i).detail();
            String ours = firstBytes(d);
            boolean same = row.raw("protocol_id").equals("0x88cc") && row.raw("protocol_id_num").equals("35020")
                    && row.raw("first_bytes").equals(ours);
            if (same) {
                matched++;
            } else {
                differences.add("row " + i + ": zeek " + row.raw("protocol_id") + " " + row.raw("first_bytes")
                        + ", ours 0x88cc " + ours);
            }
        }
        System.out.printf(Locale.ROOT, "LLDP oracle agreement%n%-60s %d records %d matched %d mismatched %d extra%n",
                "lldp.pcap.zeek.unknown-protocol-log.unknown_protocols.log", records, matched, records - matched,
                Math.max(0, events.size() - records));
        assertThat(stats.decoderErrors()).isEmpty();
        assertThat(differences).isEmpty();
        assertThat(events).hasSize(records);
        assertThat(records).isPositive();
    }

    /** Chassis id TLV (MAC subtype) and the first byte of the port id TLV's header, as hex. */
    private static String firstBytes(LldpDetail d) {
        assertThat(d.chassisIdSubtype()).isEqualTo(4);
        String mac = d.chassisId().replace(":", "");
        int length = 1 + mac.length() / 2;
        int portHeader = 2 << 1;
        return String.format(Locale.ROOT, "%02x%02x%02x%s%02x", 1 << 1 | length >>> 8, length & 0xff,
                d.chassisIdSubtype(), mac, portHeader).substring(0, 20);
    }
}
