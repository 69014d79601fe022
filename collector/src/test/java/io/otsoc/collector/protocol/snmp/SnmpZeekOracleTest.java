package io.otsoc.collector.protocol.snmp;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.collector.testing.ZeekLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end against Zeek's SNMP btest baselines under {@code ../shared/pcaps/snmp}: each capture goes through a
 * real collector run and our events are taken apart into the messages behind them.
 *
 * <p>The {@code v1}/{@code v2}/{@code v3} baselines are the prints of Zeek's {@code testing/scripts/snmp-test.zeek}:
 * one record per PDU with the connection, is_orig, the header (community, or the v3 header with its USM
 * parameters), request id, error status and index (or non-repeaters and max-repetitions, or the v1 trap fields) and
 * every binding's OID, value tag and value. Each record is compared field by field with one of our messages of the
 * same connection, direction and request id. Two things are read from the test rather than from the print:
 * <ul>
 * <li>the script prints {@code snmp_get_request} for Zeek's {@code snmp_get_next_request} event too (its handler is
 * {@code print_snmp("snmp_get_request", ...)}), so that label stands for both PDU types; the bytes tell which
 * (tag 0xa1 for the first datagram of snmpv2_get_next.pcap, tshark agrees) and our type is compared as either;</li>
 * <li>the header print is the same text for v1 and v2c ({@code [community=...]}); the script prints
 * {@code header$v1} only for version 0 and {@code header$v2} only for version 1, and the btests are named after the
 * version their captures carry (v1: snmpv1_*.pcap, v2: snmpv2_*.pcap), so the version is taken from the test.</li>
 * </ul>
 * {@code snmp-addr} prints every IpAddress value of every response binding, in order; {@code snmp.log} has one row
 * per connection with its version, counts of bindings per PDU kind (Zeek's main.zeek adds {@code |pdu$bindings|}
 * for get/get-next requests, get-bulk requests, responses and set requests; reports are not counted) and the time
 * from its first to its last packet. Its community column holds {@code username} on this v3-only connection: the
 * USM user name of the connection's requests (the prints show {@code UserName=username}, and no community exists in
 * v3), so it is compared with the first non-empty user name of our messages on the connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnmpZeekOracleTest {

    private final Map<String, String> table = new TreeMap<>();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "snmpv1_get.pcap      | zeek.v1.out1 | 0",
            "snmpv1_trap.pcap     | zeek.v1.out4 | 0",
            "snmpv2_get.pcap      | zeek.v2.out1 | 1",
            "snmpv2_get_bulk.pcap | zeek.v2.out2 | 1",
            "snmpv2_get_next.pcap | zeek.v2.out3 | 1",
            "snmpv3_get_next.pcap | zeek.v3.out1 | 3"})
    void agreesWithZeekEventPrints(String capture, String oracle, int version) throws IOException {
        SnmpCaptureRun run = SnmpCaptureRun.of("snmp/" + capture);
        List<SnmpOracleTally.Expected> expected = parsePrints(
                Files.readAllLines(SharedFixtures.pcap("snmp/" + capture + "." + oracle), StandardCharsets.UTF_8),
                version);
        List<SnmpOracleTally.Ours> ours = new ArrayList<>();
        for (SnmpCaptureRun.Message m : run.messages()) {
            ours.add(ours(m));
        }
        SnmpOracleTally t = SnmpOracleTally.compare(capture + "." + oracle, expected, ours);
        report(t);
        assertThat(t.records).isPositive();
        assertThat(t.agreement()).as(t.differences.toString()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void agreesWithZeekSnmpAddr() throws IOException {
        SnmpCaptureRun run = SnmpCaptureRun.of("snmp/snmpwalk-short.pcap");
        List<String> lines = Files.readAllLines(SharedFixtures.pcap("snmp/snmpwalk-short.pcap.zeek.snmp-addr.stdout"));
        List<SnmpOracleTally.Expected> expected = new ArrayList<>();
        int n = 0;
        for (String line : lines) {
            if (!line.isBlank() && !line.startsWith("#")) {
                expected.add(new SnmpOracleTally.Expected("address " + n++, Map.of("address", line.strip()),
                        "line " + (expected.size() + 2)));
            }
        }
        // our IpAddress values of response bindings, in the order of the responses on the wire
        List<SnmpCaptureRun.Message> responses = new ArrayList<>();
        for (SnmpCaptureRun.Message m : run.messages()) {
            if (!m.message().encrypted() && m.message().pdu().type().isResponse()) {
                responses.add(m);
            }
        }
        responses.sort((a, b) -> Long.compare(end(a), end(b)));
        List<SnmpOracleTally.Ours> ours = new ArrayList<>();
        int k = 0;
        for (SnmpCaptureRun.Message m : responses) {
            for (VarBind vb : m.message().pdu().varbinds()) {
                if (vb.tag() == 0x40) {
                    ours.add(new SnmpOracleTally.Ours("address " + k++, Map.of("address", vb.value()), vb.oid()));
                }
            }
        }
        SnmpOracleTally t = SnmpOracleTally.compare("snmpwalk-short.pcap.zeek.snmp-addr.stdout", expected, ours);
        report(t);
        assertThat(t.records).isEqualTo(30);
        assertThat(t.agreement()).as(t.differences.toString()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void agreesWithZeekSnmpLog() {
        SnmpCaptureRun run = SnmpCaptureRun.of("snmp/snmpv3_get_next.pcap");
        ZeekLog log = ZeekLog.read(SharedFixtures.pcap("snmp/snmpv3_get_next.pcap.zeek.v3.snmp.log"));
        List<SnmpOracleTally.Expected> expected = new ArrayList<>();
        for (ZeekLog.Row row : log.rows()) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("duration_us", Long.toString(Math.round(Double.parseDouble(row.raw("duration")) * 1e6)));
            f.put("version", row.raw("version"));
            f.put("community", row.raw("community"));
            for (String c : List.of("get_requests", "get_bulk_requests", "get_responses", "set_requests")) {
                f.put(c, row.raw(c));
            }
            expected.add(new SnmpOracleTally.Expected(row.raw("id.orig_h") + ":" + row.raw("id.orig_p") + ">"
                    + row.raw("id.resp_h") + ":" + row.raw("id.resp_p"), f, "line " + row.line()));
        }
        Map<String, List<SnmpCaptureRun.Message>> byConn = new LinkedHashMap<>();
        for (SnmpCaptureRun.Message m : run.messages()) {
            byConn.computeIfAbsent(m.conn(), c -> new ArrayList<>()).add(m);
        }
        List<SnmpOracleTally.Ours> ours = new ArrayList<>();
        byConn.forEach((conn, messages) -> {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            long gets = 0;
            long bulks = 0;
            long responses = 0;
            long sets = 0;
            String version = null;
            String user = null;
            for (SnmpCaptureRun.Message m : messages) {
                OtEvent e = m.event();
                first = Math.min(first, e.timestampMicros());
                last = Math.max(last, e.timestampMicros() + Math.max(0, e.durationMicros()));
                version = switch (m.message().version()) {
                    case 0 -> "1";
                    case 1 -> "2c";
                    default -> "3";
                };
                if (user == null && m.message().usm() != null && m.message().usm().userName() != null
                        && !m.message().usm().userName().isEmpty()) {
                    user = m.message().usm().userName();
                }
                if (!m.message().encrypted()) {
                    Pdu p = m.message().pdu();
                    switch (p.type()) {
                        case GET_REQUEST, GET_NEXT_REQUEST -> gets += p.varbindCount();
                        case GET_BULK_REQUEST -> bulks += p.varbindCount();
                        case GET_RESPONSE -> responses += p.varbindCount();
                        case SET_REQUEST -> sets += p.varbindCount();
                        default -> {
                        }
                    }
                }
            }
            Map<String, String> f = new LinkedHashMap<>();
            f.put("duration_us", Long.toString(last - first));
            f.put("version", version);
            f.put("community", user == null ? "-" : user);
            f.put("get_requests", Long.toString(gets));
            f.put("get_bulk_requests", Long.toString(bulks));
            f.put("get_responses", Long.toString(responses));
            f.put("set_requests", Long.toString(sets));
            ours.add(new SnmpOracleTally.Ours(conn, f, messages.size() + " messages"));
        });
        SnmpOracleTally t = SnmpOracleTally.compare("snmpv3_get_next.pcap.zeek.v3.snmp.log", expected, ours);
        report(t);
        assertThat(t.records).isEqualTo(1);
        assertThat(t.agreement()).as(t.differences.toString()).isGreaterThanOrEqualTo(0.99);
    }

    private static long end(SnmpCaptureRun.Message m) {
        OtEvent e = m.event();
        return m.fromClient() ? e.timestampMicros() : e.timestampMicros() + Math.max(0, e.durationMicros());
    }

    private void report(SnmpOracleTally t) {
        table.put(t.oracle, t.row());
        System.out.println(SnmpOracleTally.header());
        System.out.println(t.row());
        t.differences.forEach(d -> System.out.println("  " + d));
    }

    @AfterAll
    void printTable() {
        System.out.println(SnmpOracleTally.header());
        table.values().forEach(System.out::println);
    }

    // ---- Zeek's prints

    private static final Pattern CONN = Pattern.compile(
            "\\s*\\[orig_h=([^,]+), orig_p=(\\d+)/udp, resp_h=([^,]+), resp_p=(\\d+)/udp.*");
    private static final Pattern V3 = Pattern.compile("\\s*\\[id=(\\d+), max_size=(\\d+), flags=(\\d+), .*"
            + "security_model=(\\d+), security_params=.*user_security_parameters=\\[AuthoritativeEngineID=(.*), "
            + "AuthoritativeEngineBoots=(\\d+), AuthoritativeEngineTime=(\\d+), UserName=(.*), "
            + "AuthenticationParameters=.*");

    private static List<SnmpOracleTally.Expected> parsePrints(List<String> lines, int version) {
        List<SnmpOracleTally.Expected> out = new ArrayList<>();
        String label = null;
        String conn = null;
        String orig = null;
        int start = 0;
        Map<String, String> f = null;
        List<String> varbinds = new ArrayList<>();
        String oid = null;
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i) : "";
            if (line.startsWith("#")) {
                continue;
            }
            if (i == lines.size() || !line.startsWith(" ") && !line.isEmpty()) {
                if (label != null) {
                    f.put("varbinds", String.join(" | ", varbinds));
                    out.add(new SnmpOracleTally.Expected(key(conn, orig, f), f, "line " + start));
                }
                if (i == lines.size()) {
                    break;
                }
                label = line.strip();
                start = i + 1;
                f = new LinkedHashMap<>();
                f.put("label", label);
                f.put("version", Integer.toString(version));
                varbinds = new ArrayList<>();
                continue;
            }
            Matcher m;
            if ((m = CONN.matcher(line)).matches()) {
                conn = m.group(1) + ":" + m.group(2) + ">" + m.group(3) + ":" + m.group(4);
            } else if (line.startsWith("  is_orig: ")) {
                orig = line.substring("  is_orig: ".length()).strip();
            } else if (line.startsWith("  [community=")) {
                f.put("community", line.substring("  [community=".length(), line.lastIndexOf(']')));
            } else if ((m = V3.matcher(line)).matches()) {
                f.put("msg_id", m.group(1));
                f.put("max_size", m.group(2));
                f.put("flags", m.group(3));
                f.put("security_model", m.group(4));
                f.put("engine_id", hex(unescape(m.group(5))));
                f.put("engine_boots", m.group(6));
                f.put("engine_time", m.group(7));
                f.put("user_name", m.group(8));
            } else if (line.startsWith("    oid: ")) {
                oid = line.substring("    oid: ".length());
            } else if (line.startsWith("    value (tag=")) {
                varbinds.add(oid + " " + line.substring("    value ".length()));
            } else if (line.startsWith("    ")) {
                int colon = line.indexOf(':');
                f.put(line.substring(4, colon), line.substring(colon + 1).strip());
            } else {
                throw new AssertionError("unexpected oracle line " + (i + 1) + ": " + line);
            }
        }
        return out;
    }

    private static String key(String conn, String orig, Map<String, String> f) {
        return conn + " " + ("T".equals(orig) ? "orig" : "resp") + " id="
                + f.getOrDefault("request_id", "trap");
    }

    /** Zeek's escaped string back to bytes: {@code \xNN} is one byte, a doubled backslash one backslash. */
    private static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() + 0 && s.charAt(i + 1) == 'x') {
                out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static String hex(byte[] b) {
        return SnmpParser.hex(b);
    }

    // ---- our messages in the same terms

    private static SnmpOracleTally.Ours ours(SnmpCaptureRun.Message msg) {
        SnmpMessage m = msg.message();
        Map<String, String> f = new LinkedHashMap<>();
        String type = msg.pduType();
        f.put("label", switch (type) {
            case "get_request", "get_next_request" -> "snmp_get_request";
            case "get_response" -> "snmp_response";
            case "set_request" -> "snmp_set_request";
            case "trap" -> "snmp_trap";
            case "get_bulk_request" -> "snmp_get_bulk_request";
            case "inform_request" -> "snmp_inform_request";
            case "snmpv2_trap" -> "snmp_trapv2";
            case "report" -> "snmp_report";
            default -> "snmp_encrypted_pdu";
        });
        f.put("version", Integer.toString(m.version()));
        if (m.community() != null) {
            f.put("community", m.community());
        }
        UsmHeader u = m.usm();
        if (u != null) {
            f.put("msg_id", Long.toString(u.msgId()));
            f.put("max_size", Long.toString(u.maxSize()));
            f.put("flags", Integer.toString(u.flags()));
            f.put("security_model", Long.toString(u.securityModel()));
            f.put("engine_id", u.engineId() == null ? "-" : u.engineId());
            f.put("engine_boots", Long.toString(u.engineBoots()));
            f.put("engine_time", Long.toString(u.engineTime()));
            f.put("user_name", u.userName() == null ? "-" : u.userName());
        }
        Pdu p = m.pdu();
        String requestId = "trap";
        if (p != null) {
            switch (p.type()) {
                case TRAP -> {
                    f.put("enterprise", p.enterprise());
                    f.put("agent", p.agentAddress());
                    f.put("generic_trap", Long.toString(p.genericTrap()));
                    f.put("specific_trap", Long.toString(p.specificTrap()));
                    f.put("time_stamp", Long.toString(p.timeTicks()));
                }
                case GET_BULK_REQUEST -> {
                    requestId = Long.toString(p.requestId());
                    f.put("request_id", requestId);
                    f.put("non_repeaters", Long.toString(p.nonRepeaters()));
                    f.put("max_repetitions", Long.toString(p.maxRepetitions()));
                }
                default -> {
                    requestId = Long.toString(p.requestId());
                    f.put("request_id", requestId);
                    f.put("error_stat", Long.toString(p.errorStatus()));
                    f.put("error_idx", Long.toString(p.errorIndex()));
                }
            }
            List<String> varbinds = new ArrayList<>();
            for (VarBind vb : p.varbinds()) {
                varbinds.add(vb.oid() + " (tag=0x" + BerReader.hex(vb.tag()) + "): " + zeekValue(vb));
            }
            f.put("varbinds", String.join(" | ", varbinds));
        }
        String key = msg.conn() + " " + (msg.fromClient() ? "orig" : "resp") + " id=" + requestId;
        return new SnmpOracleTally.Ours(key, f, msg.event().action() + " " + f);
    }

    private static String zeekValue(VarBind vb) {
        return switch (vb.tag()) {
            case 0x05 -> "<unspecified>";
            case 0x80 -> "<no such object>";
            case 0x81 -> "<no such instance>";
            case 0x82 -> "<end of mib view>";
            default -> vb.value();
        };
    }
}
