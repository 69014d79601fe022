package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.collector.testing.ZeekLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end against the ICSNPP (cisagov/icsnpp-enip) baseline logs and the suricata-verify expectations under
 * {@code ../shared/pcaps/enip}: each capture goes through a real collector run and our events are turned back into
 * the rows ICSNPP writes, one per message, then compared field by field as multisets:
 * <ul>
 * <li>enip.log, one row per encapsulation message: direction, command, length, session handle, status, sender
 *     context, options, from the request and response headers each event keeps;</li>
 * <li>cip.log, one row per CIP message (a Multiple Service Packet and each service in it): CIP sequence count,
 *     direction, service, general status, class, instance, attribute (ICSNPP logs the path of requests only);</li>
 * <li>cip_identity.log, every identity field of a ListIdentity reply;</li>
 * <li>cip_io.log, one row per I/O packet: we report one summary per connection and sender, so each row is counted
 *     as matched when the summary of its connection has the packet count, data bytes and first and last sequence
 *     numbers that the rows of that connection add up to.</li>
 * </ul>
 * The agreement is matched / (oracle rows + extra rows) and must be at least 99% per oracle file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnipOracleTest {

    private static final List<String> CONN = List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h",
            "id.resp_p", "is_orig", "source_h", "source_p", "destination_h", "destination_p");
    static final List<String> ENIP_LOG = with("enip_command_code", "enip_command", "length", "session_handle",
            "enip_status", "sender_context", "options");
    static final List<String> CIP_LOG = with("cip_sequence_count", "direction", "cip_service_code", "cip_service",
            "cip_status_code", "cip_status", "cip_extended_status_code", "cip_extended_status", "class_id",
            "class_name", "instance_id", "attribute_id");
    static final List<String> CIP_IDENTITY_LOG = with("encapsulation_version", "socket_address", "socket_port",
            "vendor_id", "vendor_name", "device_type_id", "device_type_name", "product_code", "revision",
            "device_status", "serial_number", "product_name", "device_state");
    static final List<String> CIP_IO_LOG = with("connection_id", "sequence_number", "data_length", "io_data");

    private final Map<String, String> table = new TreeMap<>();

    private static List<String> with(String... fields) {
        List<String> all = new ArrayList<>(CONN);
        all.addAll(List.of(fields));
        return all;
    }

    private static String hex2(long v) {
        return String.format(Locale.ROOT, "0x%02x", v);
    }

    private static String hex4(long v) {
        return String.format(Locale.ROOT, "0x%04x", v);
    }

    private static String hex8(long v) {
        return String.format(Locale.ROOT, "0x%08x", v);
    }

    /** Our event's flow as Zeek's id: client is orig (both runs orient these flows the same way). */
    private static String conn(OtEvent e) {
        return e.flow().clientIp() + ":" + e.flow().clientPort() + ">" + e.flow().serverIp() + ":"
                + e.flow().serverPort();
    }

    private static String conn(ZeekLog.Row r) {
        return r.raw("id.orig_h") + ":" + r.raw("id.orig_p") + ">" + r.raw("id.resp_h") + ":" + r.raw("id.resp_p");
    }

    // ---------------------------------------------------------------- enip.log

    private static String enipRow(String conn, boolean orig, EncapsulationHeader h) {
        return conn + " " + (orig ? "T" : "F") + " " + hex2(h.command()) + " " + h.length() + " "
                + hex8(h.sessionHandle()) + " status=" + h.status() + " " + h.senderContext() + " " + hex8(h.options());
    }

    static List<String> enipRows(List<OtEvent> events) {
        List<String> rows = new ArrayList<>();
        for (OtEvent e : events) {
            EncapsulationHeader request = null;
            EncapsulationHeader response = null;
            if (e.detail() instanceof EnipDetail d) {
                request = d.request();
                response = d.response();
            } else if (e.detail() instanceof CipDetail d && d.serviceIndex() < 0) {
                request = d.requestHeader();
                response = d.responseHeader();
            }
            if (request != null) {
                rows.add(enipRow(conn(e), true, request));
            }
            if (response != null) {
                rows.add(enipRow(conn(e), false, response));
            }
        }
        return rows;
    }

    static List<String> enipOracle(ZeekLog log) {
        List<String> rows = new ArrayList<>();
        for (ZeekLog.Row r : log.rows()) {
            String status = r.raw("enip_status").equals("Success") ? "0" : r.raw("enip_status");
            rows.add(conn(r) + " " + r.raw("is_orig") + " " + r.raw("enip_command_code") + " " + r.raw("length")
                    + " " + r.raw("session_handle") + " status=" + status + " " + r.raw("sender_context") + " "
                    + r.raw("options"));
        }
        return rows;
    }

    // ---------------------------------------------------------------- cip.log

    private static String cipRow(String conn, int sequence, boolean request, int service, String status,
                                 CipPath path) {
        String seq = sequence <= 0 ? "-" : String.valueOf(sequence);
        return conn + " " + seq + " " + (request ? "request" : "response") + " " + hex2(service) + " " + status
                + " class=" + (request && path.classId() >= 0 ? hex2(path.classId()) : "-")
                + " instance=" + (request && path.instanceId() >= 0 ? hex2(path.instanceId()) : "-")
                + " attribute=" + (request && path.attributeId() >= 0 ? hex2(path.attributeId()) : "-");
    }

    static List<String> cipRows(List<OtEvent> events) {
        List<String> rows = new ArrayList<>();
        for (OtEvent e : events) {
            if (!(e.detail() instanceof CipDetail d)) {
                continue;
            }
            boolean requestSeen = d.requestHeader() != null;
            boolean responseSeen = d.responseHeader() != null && d.generalStatus() >= 0;
            if (requestSeen) {
                rows.add(cipRow(conn(e), d.sequenceCount(), true, d.service(), "-", d.path()));
            }
            if (responseSeen) {
                rows.add(cipRow(conn(e), d.sequenceCount(), false, d.service(), hex2(d.generalStatus()), d.path()));
            }
        }
        return rows;
    }

    static List<String> cipOracle(ZeekLog log) {
        List<String> rows = new ArrayList<>();
        for (ZeekLog.Row r : log.rows()) {
            rows.add(conn(r) + " " + r.raw("cip_sequence_count") + " " + r.raw("direction") + " "
                    + r.raw("cip_service_code") + " " + r.raw("cip_status_code") + " class=" + r.raw("class_id")
                    + " instance=" + r.raw("instance_id") + " attribute=" + r.raw("attribute_id"));
        }
        return rows;
    }

    // ---------------------------------------------------------------- cip_identity.log

    static List<String> identityRows(List<OtEvent> events) {
        List<String> rows = new ArrayList<>();
        for (OtEvent e : events) {
            if (e.detail() instanceof EnipDetail d && d.identity() != null) {
                CipIdentity i = d.identity();
                rows.add(conn(e) + " " + i.encapsulationVersion() + " " + i.socketAddress() + " " + i.socketPort()
                        + " " + i.vendorId() + " " + i.vendorName() + " " + i.deviceType() + " " + i.deviceTypeName()
                        + " " + i.productCode() + " " + i.revision() + " " + hex4(i.status()) + " " + i.serialHex()
                        + " " + i.productName() + " " + hex4(i.state()));
            }
        }
        return rows;
    }

    static List<String> identityOracle(ZeekLog log) {
        List<String> rows = new ArrayList<>();
        for (ZeekLog.Row r : log.rows()) {
            rows.add(conn(r) + " " + r.raw("encapsulation_version") + " " + r.raw("socket_address") + " "
                    + r.raw("socket_port") + " " + r.raw("vendor_id") + " " + r.raw("vendor_name") + " "
                    + r.raw("device_type_id") + " " + r.raw("device_type_name") + " " + r.raw("product_code") + " "
                    + r.raw("revision") + " " + r.raw("device_status") + " " + r.raw("serial_number") + " "
                    + r.raw("product_name") + " " + r.raw("device_state"));
        }
        return rows;
    }

    // ---------------------------------------------------------------- tallies

    record Tally(int records, int matched, List<String> missing, List<String> extra) {
        double agreement() {
            return records + extra.size() == 0 ? 1 : (double) matched / (records + extra.size());
        }
    }

    static Tally compare(List<String> oracle, List<String> ours) {
        Map<String, Integer> expected = new HashMap<>();
        oracle.forEach(k -> expected.merge(k, 1, Integer::sum));
        int matched = 0;
        List<String> extra = new ArrayList<>();
        for (String k : ours) {
            Integer left = expected.get(k);
            if (left != null && left > 0) {
                expected.put(k, left - 1);
                matched++;
            } else {
                extra.add(k);
            }
        }
        List<String> missing = new ArrayList<>();
        expected.forEach((k, n) -> {
            for (int i = 0; i < n; i++) {
                missing.add(k);
            }
        });
        return new Tally(oracle.size(), matched, missing, extra);
    }

    private Tally record(String oracle, Tally t) {
        table.put(oracle, String.format(Locale.ROOT, "%-72s %5d records %5d matched %4d mismatched/missing %4d extra"
                + "  %.4f", oracle, t.records(), t.matched(), t.missing().size(), t.extra().size(), t.agreement()));
        if (!t.missing().isEmpty() || !t.extra().isEmpty()) {
            t.missing().stream().limit(10).forEach(k -> System.out.println(oracle + " missing " + k));
            t.extra().stream().limit(10).forEach(k -> System.out.println(oracle + " extra   " + k));
        }
        return t;
    }

    private static ZeekLog log(String name, List<String> columns) {
        return ZeekLog.read(SharedFixtures.pcap("enip/" + name), columns);
    }

    @Test
    void enipCipExampleAgreesWithIcsnpp() {
        EnipCaptureRun run = EnipCaptureRun.of("enip_cip_example.pcap");
        assertThat(run.stats().decoderErrors()).isEmpty();
        assertThat(run.stats().notThisProtocol()).isEmpty();
        String base = "enip_cip_example.pcap.icsnpp.basic.";

        Tally enip = record(base + "enip.log",
                compare(enipOracle(log(base + "enip.log", ENIP_LOG)), enipRows(run.events())));
        assertThat(enip.agreement()).isGreaterThanOrEqualTo(0.99);

        Tally cip = record(base + "cip.log",
                compare(cipOracle(log(base + "cip.log", CIP_LOG)), cipRows(run.events())));
        assertThat(cip.agreement()).isGreaterThanOrEqualTo(0.99);

        Tally identity = record(base + "cip_identity.log",
                compare(identityOracle(log(base + "cip_identity.log", CIP_IDENTITY_LOG)), identityRows(run.events())));
        assertThat(identity.agreement()).isEqualTo(1.0);

        Tally io = record(base + "cip_io.log", compareIo(log(base + "cip_io.log", CIP_IO_LOG), run.events()));
        assertThat(io.agreement()).isGreaterThanOrEqualTo(0.99);
    }

    /** Oracle rows grouped by sender and connection id, each group against our summary of that connection. */
    private static Tally compareIo(ZeekLog log, List<OtEvent> events) {
        Map<String, long[]> groups = new LinkedHashMap<>(); // packets, bytes, first, last
        Map<String, Integer> rowsPerGroup = new HashMap<>();
        for (ZeekLog.Row r : log.rows()) {
            String key = r.raw("source_h") + " " + r.raw("connection_id");
            long seq = Long.parseLong(r.raw("sequence_number"));
            long[] g = groups.computeIfAbsent(key, k -> new long[] {0, 0, seq, seq});
            g[0]++;
            g[1] += Long.parseLong(r.raw("data_length"));
            g[3] = Math.max(g[3], seq);
            g[2] = Math.min(g[2], seq);
            rowsPerGroup.merge(key, 1, Integer::sum);
        }
        List<String> oracle = new ArrayList<>();
        groups.forEach((k, g) -> oracle.add(k + " packets=" + g[0] + " bytes=" + g[1] + " first=" + g[2]
                + " last=" + g[3]));
        List<String> ours = new ArrayList<>();
        for (OtEvent e : events) {
            if (e.detail() instanceof CipIoDetail d) {
                String sender = d.sender().equals("client") ? e.flow().clientIp() : e.flow().serverIp();
                ours.add(sender + " " + hex8(d.connectionId()) + " packets=" + d.packets() + " bytes=" + d.bytes()
                        + " first=" + d.firstSequence() + " last=" + d.lastSequence());
            }
        }
        Tally groupsTally = compare(oracle, ours);
        // back to rows: a group's rows are matched when its summary matched
        int matchedRows = 0;
        List<String> missing = new ArrayList<>();
        for (String k : oracle) {
            String key = k.substring(0, k.indexOf(" packets="));
            int n = rowsPerGroup.get(key);
            if (groupsTally.missing().contains(k)) {
                for (int i = 0; i < n; i++) {
                    missing.add(k);
                }
            } else {
                matchedRows += n;
            }
        }
        return new Tally(log.rows().size(), matchedRows, missing, groupsTally.extra());
    }

    @Test
    void multipleServicePacketAgreesWithIcsnpp() {
        EnipCaptureRun run = EnipCaptureRun.of("multiple_service_packet_cip.pcapng");
        assertThat(run.stats().decoderErrors()).isEmpty();
        String base = "multiple_service_packet_cip.pcapng.icsnpp.multiple_service_request.";
        Tally enip = record(base + "enip.log",
                compare(enipOracle(log(base + "enip.log", ENIP_LOG)), enipRows(run.events())));
        assertThat(enip.agreement()).isGreaterThanOrEqualTo(0.99);
        Tally cip = record(base + "cip.log",
                compare(cipOracle(log(base + "cip.log", CIP_LOG)), cipRows(run.events())));
        assertThat(cip.agreement()).isGreaterThanOrEqualTo(0.99);
    }

    @AfterAll
    void printTable() {
        System.out.println("EtherNet/IP and CIP agreement with ICSNPP (matched / (records + extra)):");
        table.values().forEach(System.out::println);
    }
}
