package io.otsoc.collector.protocol.profinet.iocm;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.collector.testing.ZeekLog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end through a real {@link Collector#run} against ICSNPP's {@code profinet_io_cm.log} oracles: one row per
 * connectionless DCE/RPC datagram with its header fields (packet type, the nine flags, data representation,
 * serial number, object/interface/activity UUIDs, server boot time, interface version, sequence number, operation,
 * hints, body length, fragment number, authentication protocol) and the fragment-acknowledgement body. Our events
 * are calls; each keeps the header of every datagram it was built from, and those are compared with the rows
 * field by field, as multisets (the order of events is not the order of datagrams).
 *
 * <p>Conventions of the oracle that we translate, not share: it prints a UUID's bytes in wire order whatever the
 * data representation (a little-endian {@code DEA00001-6C97-11D1-...} appears as {@code 0100A0DE-976C-D111-...});
 * it splits the 32-bit interface version into a high half ("major") and a low half ("minor"); it names fragment
 * acknowledgement body version 1 (the byte every fack in these captures carries, as Wireshark's
 * {@code dcerpc.fack_vers} shows too) "Default version".
 */
class ProfinetIoOracleTest {

    static final List<String> COLUMNS = List.of("id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "source_h",
            "source_p", "destination_h", "destination_p", "proto", "rpc_version", "packet_type", "reserved_for_impl_1",
            "last_fragment", "fragment", "no_fragment_requested", "maybe", "idempotent", "broadcast",
            "reserved_for_impl_2", "cancel_was_pending_at_call_end", "integer_encoding", "character_encoding",
            "floating_point_encoding", "serial_high", "object_uuid", "interface_uuid", "activity_uuid",
            "server_boot_time", "interface_vers_major", "interface_vers_minor", "sequence_num", "operation_num",
            "interface_hint", "activity_hint", "len_of_body", "fragment_num", "auth_protocol", "serial_low",
            "vers_fack", "window_size", "max_tsdu", "max_frag_size", "serial_number", "sel_ack_len",
            "array_of_sel_ack");

    private static final String[] TYPES = {"Request", "Ping", "Response", "Fault", "Working",
        "No call Response to Ping", "Reject", "Acknowledge", "Connectionless Cancel", "Fragment Acknowledge",
        "Cancel Acknowledge"};
    private static final String[] OPERATIONS = {"Connect", "Release", "Read", "Write", "Control", "Read Implicit"};

    static List<OtEvent> run(String capture) {
        List<OtEvent> events = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap("profinet/" + capture)))) {
            new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(ProfinetIoDecoder.PROTOCOL)) {
                    events.add(e);
                }
            });
        }
        return events;
    }

    @ParameterizedTest
    @ValueSource(strings = {"profinet_io_cm.pcap", "profinet_io_cm_connect.pcapng",
        "profinet_io_cm_connect_minimal.pcapng", "profinet_io_cm_control.pcapng", "profinet_io_cm_device.pcapng",
        "profinet_io_cm_mixed_2.pcapng", "profinet_io_cm_read.pcapng", "profinet_io_cm_release.pcapng",
        "profinet_io_cm_write.pcapng"})
    void agreesWithIcsnppProfinetIoCmLog(String capture) {
        String stem = capture.substring(0, capture.indexOf('.'));
        ZeekLog log = ZeekLog.read(SharedFixtures.pcap("profinet/" + capture + ".icsnpp." + stem + ".profinet_io_cm.log"),
                COLUMNS);
        List<List<String>> expected = new ArrayList<>();
        for (ZeekLog.Row row : log.rows()) {
            List<String> values = new ArrayList<>();
            for (String c : COLUMNS) {
                values.add(row.raw(c));
            }
            expected.add(unorderedConn(values));
        }
        List<List<String>> ours = new ArrayList<>();
        int malformed = 0;
        for (OtEvent e : run(capture)) {
            if (e.malformed()) {
                malformed++;
            }
            if (e.detail() instanceof ProfinetIoDetail d) {
                assertThat(d.packets()).hasSize(d.packetCount());
                for (RpcHeader h : d.packets()) {
                    ours.add(unorderedConn(row(e, h)));
                }
            }
        }
        // pair rows: exact matches first, then the nearest remaining row for the field-by-field tally
        List<List<String>> left = new ArrayList<>(expected);
        List<List<String>> extra = new ArrayList<>();
        int matched = 0;
        for (List<String> r : ours) {
            if (left.remove(r)) {
                matched++;
            } else {
                extra.add(r);
            }
        }
        Map<String, Integer> fieldMismatches = new LinkedHashMap<>();
        int mismatched = 0;
        for (List<String> r : new ArrayList<>(extra)) {
            List<String> best = null;
            int bestDiff = Integer.MAX_VALUE;
            for (List<String> o : left) {
                int diff = 0;
                for (int i = 0; i < COLUMNS.size(); i++) {
                    if (!o.get(i).equals(r.get(i))) {
                        diff++;
                    }
                }
                if (diff < bestDiff) {
                    bestDiff = diff;
                    best = o;
                }
            }
            if (best != null && bestDiff <= 3) {
                mismatched++;
                for (int i = 0; i < COLUMNS.size(); i++) {
                    if (!best.get(i).equals(r.get(i))) {
                        fieldMismatches.merge(COLUMNS.get(i) + " ours=" + r.get(i) + " oracle=" + best.get(i), 1,
                                Integer::sum);
                    }
                }
                left.remove(best);
                extra.remove(r);
            }
        }
        int rows = expected.size();
        double agreement = (double) matched / (rows + extra.size());
        System.out.printf("profinet_io oracle %s: %d oracle rows, %d ours, %d matched, %d mismatched, %d extra,"
                + " %d missing, agreement %.4f, %d malformed%n", capture, rows, ours.size(), matched, mismatched,
                extra.size(), left.size(), agreement, malformed);
        fieldMismatches.forEach((k, v) -> System.out.println("  mismatch " + v + "x " + k));
        extra.stream().limit(5).forEach(r -> System.out.println("  extra " + r));
        left.stream().limit(5).forEach(r -> System.out.println("  missing " + r));
        assertThat(rows).isPositive();
        assertThat(agreement).isGreaterThanOrEqualTo(0.99);
        assertThat(malformed).isZero();
    }

    /**
     * The ICSNPP log has no block columns, so the first block of the requests is checked against what Wireshark's
     * PNIO dissector shows for the same captures ({@code pn_io.slot_nr}, {@code subslot_nr}, {@code index},
     * {@code record_data_length}, {@code block_type}, control command bits), pinned here: the six Read and five
     * ReadImplicit requests of profinet_io_cm_read.pcapng, the 75 PrmEnd (IODControlReq 0x0110) and 70
     * ApplicationReady (IOXControlReq 0x0112) requests of profinet_io_cm_control.pcapng.
     */
    @org.junit.jupiter.api.Test
    void requestBlocksAgreeWithWireshark() {
        Map<String, Integer> reads = new java.util.TreeMap<>();
        for (OtEvent e : run("profinet_io_cm_read.pcapng")) {
            ProfinetIoDetail d = (ProfinetIoDetail) e.detail();
            for (RpcHeader h : d.packets()) {
                if (h.packetType() == RpcHeader.REQUEST) {
                    reads.merge(String.format("%d api=%d slot=%d subslot=0x%04x index=0x%04x length=%d", d.opnum(),
                            d.api(), d.slot(), d.subslot(), d.index(), d.recordDataLength()), 1, Integer::sum);
                }
            }
        }
        assertThat(reads).containsExactlyInAnyOrderEntriesOf(Map.of(
                "2 api=0 slot=0 subslot=0x0000 index=0xf841 length=4096", 3,
                "2 api=0 slot=0 subslot=0x8001 index=0x800c length=10000", 3,
                "5 api=0 slot=0 subslot=0x0001 index=0xf840 length=32768", 1,
                "5 api=0 slot=0 subslot=0x8000 index=0xf840 length=4096", 1,
                "5 api=0 slot=0 subslot=0x8002 index=0x800c length=10000", 1));
        Map<String, Integer> controls = new java.util.TreeMap<>();
        for (OtEvent e : run("profinet_io_cm_control.pcapng")) {
            ProfinetIoDetail d = (ProfinetIoDetail) e.detail();
            long requests = d.packets().stream().filter(h -> h.packetType() == RpcHeader.REQUEST).count();
            if (requests > 0 && d.blockTypes().length > 0 && "request".equals(d.packetType())) {
                controls.merge(String.format("0x%04x %s", d.blockTypes()[0], d.controlCommand()), (int) requests,
                        Integer::sum);
            }
        }
        assertThat(controls).containsEntry("0x0110 prm_end", 75).containsEntry("0x0112 application_ready", 70);
    }

    /**
     * The connection's two ends in a fixed order. Which end is the "originator" is a convention of each tool: Zeek
     * takes the sender of a UDP flow's first datagram, our flow table the end not on the protocol's port (or, with
     * no known port on either side, by its own rule). PNIO devices answer from ephemeral ports, so on such flows the
     * first datagram is often the device's response and the two conventions differ. The per-datagram sender and
     * receiver ({@code source_h/p}, {@code destination_h/p}) are compared as they are.
     */
    static List<String> unorderedConn(List<String> v) {
        String a = v.get(0) + ":" + v.get(1);
        String b = v.get(2) + ":" + v.get(3);
        List<String> out = new ArrayList<>(v);
        out.set(0, a.compareTo(b) <= 0 ? a : b);
        out.set(1, "");
        out.set(2, a.compareTo(b) <= 0 ? b : a);
        out.set(3, "");
        return out;
    }

    /** One of our datagram headers in the oracle's notation. */
    static List<String> row(OtEvent e, RpcHeader h) {
        var f = e.flow();
        boolean toServer = h.direction() == Direction.TO_SERVER;
        List<String> v = new ArrayList<>();
        v.add(f.clientIp());
        v.add(String.valueOf(f.clientPort()));
        v.add(f.serverIp());
        v.add(String.valueOf(f.serverPort()));
        v.add(toServer ? f.clientIp() : f.serverIp());
        v.add(String.valueOf(toServer ? f.clientPort() : f.serverPort()));
        v.add(toServer ? f.serverIp() : f.clientIp());
        v.add(String.valueOf(toServer ? f.serverPort() : f.clientPort()));
        v.add("udp");
        v.add("4");
        v.add(TYPES[h.packetType()]);
        for (int bit = 0; bit < 8; bit++) {
            v.add((h.flags1() & (1 << bit)) != 0 ? "T" : "F");
        }
        v.add((h.flags2() & 0x02) != 0 ? "T" : "F");
        v.add(h.littleEndian() ? "Little Endian" : "Big Endian");
        v.add(h.charEncoding() == 0 ? "ASCII" : "EBCDIC");
        v.add(switch (h.floatEncoding()) {
            case 0 -> "IEEE";
            case 1 -> "VAX";
            case 2 -> "Cray";
            default -> "IBM";
        });
        v.add(String.valueOf(h.serialHigh()));
        v.add(wireOrder(h.objectUuid(), h.littleEndian()));
        v.add(wireOrder(h.interfaceUuid(), h.littleEndian()));
        v.add(wireOrder(h.activityUuid(), h.littleEndian()));
        v.add(String.valueOf(h.serverBootTime()));
        v.add(String.valueOf(h.interfaceVersion() >>> 16));
        v.add(String.valueOf(h.interfaceVersion() & 0xFFFF));
        v.add(String.valueOf(h.sequenceNumber()));
        v.add(h.operationNumber() < OPERATIONS.length ? OPERATIONS[h.operationNumber()] : "-");
        v.add(String.valueOf(h.interfaceHint()));
        v.add(String.valueOf(h.activityHint()));
        v.add(String.valueOf(h.bodyLength()));
        v.add(String.valueOf(h.fragmentNumber()));
        v.add(String.valueOf(h.authProtocol()));
        v.add(String.valueOf(h.serialLow()));
        RpcHeader.FackBody fack = h.fack();
        if (fack == null) {
            for (int i = 0; i < 7; i++) {
                v.add("-");
            }
        } else {
            v.add(fack.version() == 1 ? "Default version" : String.valueOf(fack.version()));
            v.add(String.valueOf(fack.windowSize()));
            v.add(String.valueOf(fack.maxTsdu()));
            v.add(String.valueOf(fack.maxFragSize()));
            v.add(String.valueOf(fack.serialNumber()));
            v.add(String.valueOf(fack.selAckLength()));
            v.add("(empty)");
        }
        return v;
    }

    /** The UUID as its 16 bytes appear on the wire, upper case. */
    static String wireOrder(UUID u, boolean littleEndian) {
        String s = u.toString().toUpperCase();
        if (!littleEndian) {
            return s;
        }
        return swap(s.substring(0, 8)) + "-" + swap(s.substring(9, 13)) + "-" + swap(s.substring(14, 18))
                + s.substring(18);
    }

    private static String swap(String hex) {
        StringBuilder b = new StringBuilder();
        for (int i = hex.length() - 2; i >= 0; i -= 2) {
            b.append(hex, i, i + 2);
        }
        return b.toString();
    }
}
