package io.otsoc.collector.protocol.s7comm;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.collector.testing.ZeekLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.otsoc.collector.protocol.s7comm.S7Detail.ABSENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end through a real {@link Collector#run} against ICSNPP's {@code s7comm.log} oracles: one row per S7comm
 * message (job, ack_data, userdata request and response) with ROSCTR, PDU reference, function code, userdata
 * subfunction and error code. Our paired events are split back into the messages they were built from and the two
 * multisets are compared; agreement is matched rows over oracle rows plus our unmatched messages. ICSNPP logs no
 * row for an Ack without data (ROSCTR 2, e.g. the error answers to s7ident's start_upload jobs): those messages
 * are counted apart, not compared.
 */
class S7commOracleTest {

    static List<OtEvent> run(String capture) {
        List<OtEvent> events = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap("s7comm/" + capture)))) {
            new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(S7commDecoder.PROTOCOL)) {
                    events.add(e);
                }
            });
        }
        return events;
    }

    @ParameterizedTest
    @ValueSource(strings = {"s7comm_plus.pcap:icsnpp.s7comm_plus.s7comm.log", "s7ident.pcap:icsnpp.s7ident.s7comm.log"})
    void agreesWithIcsnppS7commLog(String pair) {
        String capture = pair.substring(0, pair.indexOf(':'));
        String log = capture + "." + pair.substring(pair.indexOf(':') + 1);
        Map<String, Integer> expected = new HashMap<>();
        int rows = 0;
        for (ZeekLog.Row row : ZeekLog.read(SharedFixtures.pcap("s7comm/" + log)).rows()) {
            String key = row.raw("id.orig_h") + ":" + row.raw("id.orig_p") + ">" + row.raw("id.resp_h") + ":"
                    + row.raw("id.resp_p") + " " + row.raw("is_orig") + " rosctr=" + row.raw("rosctr_code")
                    + " ref=" + swap(row.number("pdu_reference")) + " fc=" + row.raw("function_code")
                    + " sub=" + row.raw("subfunction_code") + " err=" + row.raw("error_code");
            expected.merge(key, 1, Integer::sum);
            rows++;
        }
        List<String> ours = new ArrayList<>();
        int acks = 0;
        for (OtEvent e : run(capture)) {
            S7Detail d = (S7Detail) e.detail();
            if (e.action().equals("s7comm_plus")) {
                continue;
            }
            String conn = e.flow().clientIp() + ":" + e.flow().clientPort() + ">" + e.flow().serverIp() + ":"
                    + e.flow().serverPort();
            String sub = d.rosctr() == 7 ? hex(d.userdataSubfunction()) : "-";
            if (d.requestSeen()) {
                ours.add(conn + " T rosctr=" + d.rosctr() + " ref=" + d.pduReference() + " fc=" + hex(d.functionCode())
                        + " sub=" + sub + " err=-");
            }
            if (d.responseSeen() && d.responseRosctr() == 2) {
                acks++;
            } else if (d.responseSeen()) {
                ours.add(conn + " F rosctr=" + d.responseRosctr() + " ref=" + d.pduReference()
                        + " fc=" + hex(d.responseFunctionCode()) + " sub=" + sub + " err=" + hex(d.errorCode()));
            }
        }
        int matched = 0;
        List<String> extra = new ArrayList<>();
        for (String m : ours) {
            Integer left = expected.get(m);
            if (left != null && left > 0) {
                expected.put(m, left - 1);
                matched++;
            } else {
                extra.add(m);
            }
        }
        List<String> missing = expected.entrySet().stream().filter(x -> x.getValue() > 0).map(Map.Entry::getKey).toList();
        double agreement = (double) matched / (rows + extra.size());
        System.out.printf("s7comm oracle %s: %d rows, %d of our messages, %d matched, agreement %.4f"
                + " (%d Ack messages without data not compared)%n", log, rows, ours.size(), matched, agreement, acks);
        assertThat(rows).isPositive();
        assertThat(missing).as("oracle rows without our message").isEmpty();
        assertThat(extra).as("our messages without an oracle row").isEmpty();
    }

    /**
     * ICSNPP's {@code s7comm_plus.log}: one row per S7comm-plus message with its version and opcode; our
     * {@code s7comm_plus} events are one per message too (request seen = sent to the server).
     */
    @Test
    void agreesWithIcsnppS7commPlusLog() {
        Map<String, Integer> expected = new HashMap<>();
        int rows = 0;
        for (ZeekLog.Row row : ZeekLog.read(SharedFixtures.pcap(
                "s7comm/s7comm_plus.pcap.icsnpp.s7comm_plus.s7comm_plus.log")).rows()) {
            expected.merge(row.raw("id.orig_h") + ":" + row.raw("id.orig_p") + ">" + row.raw("id.resp_h") + ":"
                    + row.raw("id.resp_p") + " " + row.raw("is_orig") + " v" + row.raw("version") + " "
                    + row.raw("opcode"), 1, Integer::sum);
            rows++;
        }
        int matched = 0;
        List<String> extra = new ArrayList<>();
        for (OtEvent e : run("s7comm_plus.pcap")) {
            if (!e.action().equals("s7comm_plus")) {
                continue;
            }
            S7Detail d = (S7Detail) e.detail();
            String key = e.flow().clientIp() + ":" + e.flow().clientPort() + ">" + e.flow().serverIp() + ":"
                    + e.flow().serverPort() + " " + (d.requestSeen() ? "T" : "F") + " v" + d.plusVersion() + " "
                    + hex(d.functionCode());
            Integer left = expected.get(key);
            if (left != null && left > 0) {
                expected.put(key, left - 1);
                matched++;
            } else {
                extra.add(key);
            }
        }
        double agreement = (double) matched / (rows + extra.size());
        System.out.printf("s7comm oracle s7comm_plus.log: %d rows, %d matched, %d extra, agreement %.4f%n", rows,
                matched, extra.size(), agreement);
        assertThat(extra).isEmpty();
        assertThat(expected.entrySet().stream().filter(x -> x.getValue() > 0).toList()).isEmpty();
    }

    /** Every shared S7 capture decodes without a malformed S7comm message or a detached flow. */
    @Test
    void everySharedS7CaptureDecodesCleanly() throws Exception {
        java.nio.file.Path dir = SharedFixtures.pcap("s7comm/s7ident.pcap").getParent();
        List<java.nio.file.Path> captures;
        try (var files = java.nio.file.Files.list(dir)) {
            captures = files.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng"))
                    .sorted().toList();
        }
        assertThat(captures).hasSizeGreaterThan(10);
        for (java.nio.file.Path f : captures) {
            List<OtEvent> events = run(f.getFileName().toString());
            Map<String, Long> actions = new java.util.TreeMap<>();
            events.forEach(e -> actions.merge(e.action(), 1L, Long::sum));
            System.out.println("s7comm capture " + f.getFileName() + ": " + actions);
            assertThat(events).as(f.getFileName().toString()).isNotEmpty()
                    .noneMatch(OtEvent::malformed)
                    .noneMatch(e -> e.action().equals("malformed_message"));
        }
    }

    @Test
    void snap7StopCaptureYieldsPlcStop() {
        List<OtEvent> events = run("snap7_s300_stop.pcapng");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("plc_stop");
            assertThat(e.category()).isEqualTo(EventCategory.CONTROL);
            assertThat(((S7Detail) e.detail()).piService()).isEqualTo("P_PROGRAM");
        });
    }

    /**
     * ICSNPP's s7comm_known_devices.log for s7ident.pcap: the component identification (SZL 0x001C) answered by the
     * server, field by field: automation system name, module name, plant name (empty) and module serial. The
     * module identification (SZL 0x0011) in the same capture is checked against the bytes as Wireshark shows them:
     * order number 6ES7 315-2EH14-0AB0, firmware record (index 7) 'V' 3, 2.6.
     */
    @Test
    void moduleIdentityAgreesWithIcsnppKnownDevicesLog() {
        List<OtEvent> events = run("s7ident.pcap");
        ZeekLog log = ZeekLog.read(SharedFixtures.pcap("s7comm/s7ident.pcap.icsnpp.s7ident.s7comm_known_devices.log"));
        assertThat(log.rows()).hasSize(1);
        ZeekLog.Row row = log.rows().get(0);
        List<S7Identity> components = new ArrayList<>();
        List<S7Identity> modules = new ArrayList<>();
        for (OtEvent e : events) {
            S7Identity id = ((S7Detail) e.detail()).identity();
            if (id != null) {
                (id.orderNumber() != null || id.firmware() != null ? modules : components).add(id);
            }
        }
        assertThat(components).hasSize(1);
        S7Identity c = components.get(0);
        assertThat(c.systemName()).isEqualTo(row.raw("automation_system_name"));
        assertThat(c.moduleName()).isEqualTo(row.raw("module_name"));
        assertThat(c.plantName()).isEqualTo(row.raw("plant_name").equals("(empty)") ? "" : row.raw("plant_name"));
        assertThat(c.serialNumber()).isEqualTo(row.raw("module_serial"));
        assertThat(modules).as("the module identification is read twice").hasSize(2).allSatisfy(m -> {
            assertThat(m.orderNumber()).isEqualTo("6ES7 315-2EH14-0AB0");
            assertThat(m.firmware()).isEqualTo("V3.2.6");
        });
    }

    @Test
    void readVarJobsCarryTheirItemAddresses() {
        // As Wireshark decodes this capture's jobs: reads of DB1 byte 0 (BYTE x 64, frame 11) and of M (0x83) byte 0
        // (BYTE x 16, frames 13 and 23); writes of M bytes 0, 4 and 8 (BYTE x 4, frames 15, 17, 19) and one more.
        List<OtEvent> events = run("s7comm_varservice_libnodavedemo.pcap");
        List<List<String>> reads = new ArrayList<>();
        List<List<String>> writes = new ArrayList<>();
        for (OtEvent e : events) {
            S7Detail d = (S7Detail) e.detail();
            if (e.action().equals("read_var")) {
                reads.add(d.itemAddresses());
            } else if (e.action().equals("write_var")) {
                writes.add(d.itemAddresses());
            }
        }
        assertThat(reads).containsExactly(List.of("DB1.DBX0.0 BYTE 64"), List.of("M0.0 BYTE 16"),
                List.of("M0.0 BYTE 16"));
        assertThat(writes).hasSize(4).startsWith(List.of("M0.0 BYTE 4"), List.of("M4.0 BYTE 4"),
                List.of("M8.0 BYTE 4"));
    }

    /**
     * ICSNPP reads the PDU reference little-endian; the S7comm header carries it big-endian (as Wireshark's
     * dissector reads it, and we do), so the oracle's value is byte-swapped before comparing.
     */
    private static long swap(long v) {
        return ((v & 0xFF) << 8) | ((v >> 8) & 0xFF);
    }

    private static String hex(int v) {
        return v == ABSENT ? "-" : String.format("0x%02x", v);
    }
}
