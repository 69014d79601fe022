package io.otsoc.collector.protocol.dhcp;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.collector.testing.ZeekLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end against the DHCP oracles under {@code ../shared/pcaps/dhcp}.
 *
 * <p>Zeek's {@code dhcp.log} aggregates an exchange (all messages of one transaction id, across flows) into one
 * row. We emit one event per message ({@link DhcpDecoder} says why), so the test rebuilds Zeek's rows from our
 * events, grouped by transaction id in capture order, with the rules of Zeek's {@code base/protocols/dhcp}
 * script: a client message (BOOTREQUEST) sets client_addr from its source address unless 0.0.0.0 or broadcast,
 * host_name, client_fqdn, mac (from an Ethernet client id, else chaddr as a fallback) and requested_addr; a server
 * message (BOOTREPLY) sets server_addr (the server's address, when it hands out an address), mac from chaddr if
 * none yet, assigned_addr (yiaddr when not 0.0.0.0), client_addr from it if none yet, domain and lease_time.
 * Every column is then compared, row by row.
 *
 * <p>Suricata's {@code test.yaml} checks on {@code dhcp} eve records are matched against a Suricata-shaped view of
 * each event (sender and receiver, op as request/reply, the decoded fields), field by field. One normalisation,
 * argued: Suricata's {@code dhcp.hostname} of sv-dhcp-eve-extended is {@code "nas1\u0000"}: option 12 there is
 * 5 bytes, {@code 6e 61 73 31 00}. RFC 2132 section 3.14 defines the option as the client's name, and section 2
 * says options "should not" be NUL-terminated: the NUL is a terminator, not part of the name (Wireshark shows
 * {@code nas1}), so we drop trailing NULs and compare Suricata's value without them. Counted as "normalised".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DhcpOracleTest {

    private final Map<String, String> table = new TreeMap<>();

    static List<OtEvent> run(String capture, List<CollectorStats> statsOut) {
        List<OtEvent> events = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap(capture)))) {
            statsOut.add(new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(DhcpDecoder.PROTOCOL)) {
                    events.add(e);
                }
            }));
        }
        return events;
    }

    /** One rebuilt Zeek row. */
    static final class Row {
        long firstTs;
        long lastTs;
        String clientAddr;
        String serverAddr;
        String mac;
        String clientChaddr;
        String hostName;
        String clientFqdn;
        String domain;
        String requestedAddr;
        String assignedAddr;
        long leaseTime = -1;
        String clientMessage;
        String serverMessage;
        final List<String> msgTypes = new ArrayList<>();
        String circuitId;
        String remoteId;
        String subscriberId;

        Map<String, String> columns() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("client_addr", dash(clientAddr));
            m.put("server_addr", dash(serverAddr));
            m.put("mac", dash(mac != null ? mac : clientChaddr));
            m.put("host_name", dash(hostName));
            m.put("client_fqdn", dash(clientFqdn));
            m.put("domain", dash(domain));
            m.put("requested_addr", dash(requestedAddr));
            m.put("assigned_addr", dash(assignedAddr));
            m.put("lease_time", leaseTime < 0 ? "-" : String.format(Locale.ROOT, "%d.000000", leaseTime));
            m.put("client_message", dash(clientMessage));
            m.put("server_message", dash(serverMessage));
            m.put("msg_types", String.join(",", msgTypes));
            m.put("duration", String.format(Locale.ROOT, "%d.%06d", (lastTs - firstTs) / 1_000_000,
                    (lastTs - firstTs) % 1_000_000));
            m.put("circuit_id", dash(circuitId));
            m.put("agent_remote_id", dash(remoteId));
            m.put("subscriber_id", dash(subscriberId));
            return m;
        }
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    static List<Row> zeekRows(List<OtEvent> events) {
        Map<Long, Row> byXid = new LinkedHashMap<>();
        for (OtEvent e : events) {
            if (e.malformed() || !(e.detail() instanceof DhcpDetail d) || d.messageType() < 0) {
                continue;
            }
            Row r = byXid.computeIfAbsent(d.transactionId(), x -> {
                Row n = new Row();
                n.firstTs = e.timestampMicros();
                return n;
            });
            r.lastTs = e.timestampMicros();
            r.msgTypes.add(e.action().toUpperCase(Locale.ROOT));
            boolean client = d.op() == 1;
            if (d.message() != null) {
                if (client) {
                    r.clientMessage = d.message();
                } else {
                    r.serverMessage = d.message();
                }
            }
            if (client) {
                String source = e.flow().clientIp();
                if (!source.equals("0.0.0.0") && !source.equals("255.255.255.255")) {
                    r.clientAddr = source;
                }
                r.hostName = d.hostName() != null ? d.hostName() : r.hostName;
                r.clientFqdn = d.clientFqdn() != null ? d.clientFqdn() : r.clientFqdn;
                if (d.clientIdType() == 1 && d.clientId() != null && d.clientId().length() == 17) {
                    r.mac = d.clientId();
                } else {
                    r.clientChaddr = d.clientMac();
                }
                r.requestedAddr = d.requestedIp() != null ? d.requestedIp() : r.requestedAddr;
            } else {
                if (!d.assignedIp().equals("0.0.0.0")) {
                    r.serverAddr = e.flow().serverIp();
                    r.assignedAddr = d.assignedIp();
                }
                if (d.clientMac() != null && r.mac == null) {
                    r.mac = d.clientMac();
                }
                if (r.clientAddr == null && r.assignedAddr != null) {
                    r.clientAddr = r.assignedAddr;
                }
                r.domain = d.domainName() != null ? d.domainName() : r.domain;
                r.leaseTime = d.leaseTime() >= 0 ? d.leaseTime() : r.leaseTime;
            }
            r.circuitId = d.circuitId() != null ? d.circuitId() : r.circuitId;
            r.remoteId = d.remoteId() != null ? d.remoteId() : r.remoteId;
            r.subscriberId = d.subscriberId() != null ? d.subscriberId() : r.subscriberId;
        }
        return new ArrayList<>(byXid.values());
    }

    /** Zeek's log escapes non-printable bytes as {@code \xNN}; we write such values as colon-separated hex. */
    private static String zeekValue(String raw) {
        if (raw.matches("(\\\\x[0-9a-f]{2})+")) {
            return String.join(":", raw.substring(2).split("\\\\x"));
        }
        return raw;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "dhcp.pcap                                    | dhcp.pcap.zeek.dhcp-all-msg-types.dhcp.log",
            "dhcp_ack_subscriber_id_and_agent_remote_id.pcap | dhcp_ack_subscriber_id_and_agent_remote_id.pcap.zeek.dhcp-ack-msg-types.dhcp.log",
            "dhcp_ack_subscriber_id_and_agent_remote_id.pcap | dhcp_ack_subscriber_id_and_agent_remote_id.pcap.zeek.dhcp-sub-opts.dhcp.log",
            "dhcp_discover_param_req_and_client_id.pcap   | dhcp_discover_param_req_and_client_id.pcap.zeek.dhcp-discover-msg-types.dhcp.log",
            "dhcp_inform.pcap                             | dhcp_inform.pcap.zeek.inform.dhcp.log"})
    void agreesWithZeekDhcpLog(String capture, String oracle) {
        List<CollectorStats> stats = new ArrayList<>();
        List<Row> ours = zeekRows(run("dhcp/" + capture, stats));
        ZeekLog log = ZeekLog.read(SharedFixtures.pcap("dhcp/" + oracle));
        int records = log.rows().size();
        int matched = 0;
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            ZeekLog.Row zeek = log.rows().get(i);
            if (i >= ours.size()) {
                differences.add("row " + i + " missing");
                continue;
            }
            Map<String, String> columns = ours.get(i).columns();
            boolean same = true;
            for (Map.Entry<String, String> c : columns.entrySet()) {
                if (!log.fields().contains(c.getKey())) {
                    continue;
                }
                String expected = zeekValue(zeek.raw(c.getKey()));
                if (!expected.equals(c.getValue())) {
                    same = false;
                    differences.add("row " + i + " " + c.getKey() + ": zeek " + expected + ", ours " + c.getValue());
                }
            }
            matched += same ? 1 : 0;
        }
        int extra = Math.max(0, ours.size() - records);
        table.put(oracle, String.format(Locale.ROOT, "%-90s %2d records %2d matched %2d mismatched %2d extra",
                oracle, records, matched, records - matched, extra));
        assertThat(stats.get(0).decoderErrors()).isEmpty();
        assertThat(differences).as(oracle).isEmpty();
        assertThat(extra).isZero();
    }

    @Test
    void agreesWithZeekTimeAndNameServerEvents() throws IOException {
        List<CollectorStats> stats = new ArrayList<>();
        List<OtEvent> events = run("dhcp/dhcp_time_and_nameserver.pcap", stats);
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(SharedFixtures.pcap(
                "dhcp/dhcp_time_and_nameserver.pcap.zeek.dhcp-time-nameserver-events.stdout"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                expected.add(line.trim());
            }
        }
        List<String> ours = new ArrayList<>();
        for (OtEvent e : events) {
            DhcpDetail d = (DhcpDetail) e.detail();
            if (d.timeOffset() != null) {
                ours.add("time_offset, " + d.timeOffset());
            }
            if (d.timeServers() != null) {
                ours.add("timeserver_list, [" + String.join(", ", d.timeServers()) + "]");
            }
            if (d.nameServers() != null) {
                ours.add("nameserver_list, [" + String.join(", ", d.nameServers()) + "]");
            }
            if (d.ntpServers() != null) {
                ours.add("ntpserver_list, [" + String.join(", ", d.ntpServers()) + "]");
            }
        }
        int matched = (int) expected.stream().filter(ours::contains).count();
        table.put("dhcp_time_and_nameserver (zeek events)", String.format(Locale.ROOT,
                "%-90s %2d records %2d matched %2d mismatched %2d extra", "dhcp_time_and_nameserver.pcap events",
                expected.size(), matched, expected.size() - matched, ours.size() - matched));
        assertThat(ours).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "sv-dhcp-eve-extended.pcap        | sv-dhcp-eve-extended.pcap.suricata-verify.dhcp-eve-extended.test.yaml",
            "sv-dhcp-eve-extended.pcap        | sv-dhcp-eve-extended.pcap.suricata-verify.output-eve-dhcp-01.test.yaml",
            "sv-dhcp-option-52-overload.pcap  | sv-dhcp-option-52-overload.pcap.suricata-verify.dhcp-option-52-overload.test.yaml",
            "sv-dhcp-option-60.pcap           | sv-dhcp-option-60.pcap.suricata-verify.dhcp-eve-extended-option-60.test.yaml"})
    void agreesWithSuricataEve(String capture, String oracle) {
        List<CollectorStats> stats = new ArrayList<>();
        List<OtEvent> events = run("dhcp/" + capture, stats);
        List<Map<String, String>> views = events.stream().map(DhcpOracleTest::suricataView).toList();
        int records = 0;
        int matched = 0;
        int normalised = 0;
        List<String> differences = new ArrayList<>();
        for (SuricataChecks.Check check : SuricataChecks.read(SharedFixtures.pcap("dhcp/" + oracle)).checks()) {
            if (!"dhcp".equals(check.match().get("event_type"))) {
                continue; // flow records, alerts and stats describe no decoded field
            }
            records++;
            int found = 0;
            boolean usedNormalisation = false;
            for (Map<String, String> view : views) {
                boolean all = true;
                boolean normalisedHere = false;
                for (Map.Entry<String, String> m : check.match().entrySet()) {
                    if (m.getKey().equals("pcap_cnt")) {
                        continue; // packet numbers: the other fields single the record out
                    }
                    String expected = m.getValue();
                    String actual = view.get(m.getKey().equals("has-key") ? "has-key:" + expected : m.getKey());
                    if (m.getKey().equals("has-key")) {
                        all &= actual != null;
                        continue;
                    }
                    if (m.getKey().equals("dhcp.hostname") && expected.endsWith("\u0000")
                            && expected.replaceAll("\u0000+$", "").equals(actual)) {
                        normalisedHere = true;
                        continue;
                    }
                    all &= Objects.equals(expected, actual);
                }
                if (all) {
                    found++;
                    usedNormalisation |= normalisedHere;
                }
            }
            int wanted = check.count() < 0 ? 1 : check.count();
            if (found == wanted) {
                matched++;
                normalised += usedNormalisation ? 1 : 0;
            } else {
                differences.add(found + " of " + wanted + " events match " + check.match() + "; ours: " + views);
            }
        }
        table.put(oracle, String.format(Locale.ROOT,
                "%-90s %2d records %2d matched (%d normalised) %2d mismatched %2d extra", oracle, records, matched,
                normalised, records - matched, 0));
        assertThat(stats.get(0).decoderErrors()).isEmpty();
        assertThat(records).isPositive();
        assertThat(differences).isEmpty();
    }

    /**
     * Suricata's names of request-list parameters (RFC 2132 option codes). Its eve {@code params} array lists only
     * the codes it has a name for and leaves the others out (sv-dhcp-eve-extended requests 1, 28, 2, 3, 15, 6, 12
     * and Suricata logs subnet_mask, router, domain, dns_server), so the view does the same; our
     * {@code parameter_request_list} keeps every code.
     */
    private static String parameterName(int code) {
        return switch (code) {
            case 1 -> "subnet_mask";
            case 3 -> "router";
            case 6 -> "dns_server";
            case 15 -> "domain";
            case 35 -> "arp_timeout";
            case 42 -> "ntp_server";
            case 66 -> "tftp_server_name";
            case 150 -> "tftp_server_ip";
            default -> null;
        };
    }

    static Map<String, String> suricataView(OtEvent e) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("event_type", "dhcp");
        v.put("proto", "UDP");
        if (!(e.detail() instanceof DhcpDetail d)) {
            return v;
        }
        boolean fromClient = d.op() == 1;
        v.put("src_ip", fromClient ? e.flow().clientIp() : e.flow().serverIp());
        v.put("src_port", String.valueOf(fromClient ? e.flow().clientPort() : e.flow().serverPort()));
        v.put("dest_ip", fromClient ? e.flow().serverIp() : e.flow().clientIp());
        v.put("dest_port", String.valueOf(fromClient ? e.flow().serverPort() : e.flow().clientPort()));
        if (e.flow().communityId() != null) {
            v.put("has-key:community_id", "yes");
        }
        v.put("dhcp.type", fromClient ? "request" : "reply");
        v.put("dhcp.id", String.valueOf(d.transactionId()));
        v.put("dhcp.client_mac", d.clientMac());
        v.put("dhcp.client_ip", d.clientIp());
        v.put("dhcp.assigned_ip", d.assignedIp());
        v.put("dhcp.next_server_ip", d.nextServerIp());
        v.put("dhcp.relay_ip", d.relayIp());
        v.put("dhcp.dhcp_type", e.action());
        put(v, "dhcp.hostname", d.hostName());
        put(v, "dhcp.client_id", d.clientId());
        put(v, "dhcp.vendor_class_identifier", d.vendorClass());
        put(v, "dhcp.subnet_mask", d.subnetMask());
        if (d.leaseTime() >= 0) {
            v.put("dhcp.lease_time", String.valueOf(d.leaseTime()));
        }
        if (d.renewalTime() >= 0) {
            v.put("dhcp.renewal_time", String.valueOf(d.renewalTime()));
        }
        if (d.rebindingTime() >= 0) {
            v.put("dhcp.rebinding_time", String.valueOf(d.rebindingTime()));
        }
        list(v, "dhcp.routers", d.routers());
        list(v, "dhcp.dns_servers", d.dnsServers());
        int[] params = d.parameters();
        if (params != null) {
            int named = 0;
            for (int code : params) {
                String name = parameterName(code);
                if (name != null) {
                    v.put("dhcp.params[" + named++ + "]", name);
                }
            }
        }
        return v;
    }

    private static void put(Map<String, String> v, String key, String value) {
        if (value != null) {
            v.put(key, value);
        }
    }

    private static void list(Map<String, String> v, String key, List<String> values) {
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                v.put(key + "[" + i + "]", values.get(i));
            }
        }
    }

    @AfterAll
    void printTable() {
        System.out.println("DHCP oracle agreement");
        table.values().forEach(System.out::println);
    }
}
