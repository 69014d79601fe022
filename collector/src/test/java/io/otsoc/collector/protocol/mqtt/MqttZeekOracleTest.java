package io.otsoc.collector.protocol.mqtt;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.collector.testing.ZeekLog;
import io.otsoc.collector.testing.DetailFields;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end through a real collector run over {@code mqtt.pcap} against Zeek's {@code mqtt_connect.log},
 * {@code mqtt_publish.log} and {@code mqtt_subscribe.log} (and the payload-cap variants). Zeek masks the timestamps,
 * so records are paired by connection and by order within the connection (both sides log in packet order: Zeek
 * writes a connect row at the CONNACK, a QoS 0 publish row at once and a subscribe row at the SUBACK, as we emit),
 * then compared field by field. Agreement per log is fully matching records over oracle records plus our extra
 * ones.
 */
class MqttZeekOracleTest {

    private static final String DIR = "mqtt/mqtt.pcap.zeek.";

    record Tally(String log, int records, int matched, int mismatched, int missing, int extra, List<String> diffs) {
        double agreement() {
            return (double) matched / (records + extra);
        }

        void print() {
            System.out.printf("mqtt oracle %-40s records %d, matched %d, mismatched %d, missing %d, extra %d,"
                    + " agreement %.4f %s%n", log, records, matched, mismatched, missing, extra, agreement(), diffs);
        }
    }

    static String conn(OtEvent e) {
        return e.flow().clientIp() + ":" + e.flow().clientPort() + ">" + e.flow().serverIp() + ":"
                + e.flow().serverPort();
    }

    static String conn(ZeekLog.Row r) {
        return r.raw("id.orig_h") + ":" + r.raw("id.orig_p") + ">" + r.raw("id.resp_h") + ":" + r.raw("id.resp_p");
    }

    /** Pairs rows and events per connection in order and compares the named fields. */
    static Tally compare(String log, List<ZeekLog.Row> rows, List<OtEvent> events, List<String> columns,
                         Function<OtEvent, Map<String, String>> ours) {
        Map<String, List<ZeekLog.Row>> byConn = new LinkedHashMap<>();
        rows.forEach(r -> byConn.computeIfAbsent(conn(r), k -> new ArrayList<>()).add(r));
        Map<String, List<OtEvent>> oursByConn = new LinkedHashMap<>();
        events.forEach(e -> oursByConn.computeIfAbsent(conn(e), k -> new ArrayList<>()).add(e));
        int matched = 0;
        int mismatched = 0;
        int missing = 0;
        int extra = 0;
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<String, List<ZeekLog.Row>> c : byConn.entrySet()) {
            List<OtEvent> mine = oursByConn.getOrDefault(c.getKey(), List.of());
            for (int i = 0; i < c.getValue().size(); i++) {
                if (i >= mine.size()) {
                    missing++;
                    diffs.add("missing " + c.getKey() + " #" + i);
                    continue;
                }
                Map<String, String> got = ours.apply(mine.get(i));
                boolean same = true;
                for (String col : columns) {
                    String want = c.getValue().get(i).raw(col);
                    if (!want.equals(got.get(col))) {
                        same = false;
                        diffs.add(c.getKey() + " #" + i + " " + col + ": zeek " + want + ", ours " + got.get(col));
                    }
                }
                if (same) {
                    matched++;
                } else {
                    mismatched++;
                }
            }
            extra += Math.max(0, mine.size() - c.getValue().size());
        }
        for (Map.Entry<String, List<OtEvent>> c : oursByConn.entrySet()) {
            if (!byConn.containsKey(c.getKey())) {
                extra += c.getValue().size();
            }
        }
        return new Tally(log, rows.size(), matched, mismatched, missing, extra, diffs);
    }

    static List<OtEvent> events(String action) {
        return MqttCapturesTest.run("mqtt.pcap").stream().filter(e -> e.action().equals(action)).toList();
    }

    static String version(Object level) {
        if (level == null) {
            return "-";
        }
        return switch (((Long) level).intValue()) {
            case 3 -> "3.1";
            case 4 -> "3.1.1";
            case 5 -> "5.0";
            default -> "?";
        };
    }

    /** Zeek's connect_status text for our reason name: "Connection Accepted", "Refused: not authorized"... */
    static String zeekStatus(Object reason) {
        if (reason == null) {
            return "-";
        }
        String r = reason.toString();
        if (r.equals("connection_accepted")) {
            return "Connection Accepted";
        }
        return "Refused: " + r.replace('_', ' ');
    }

    static String str(Object o) {
        return o == null ? "-" : o.toString();
    }

    static String bool(Object o) {
        return o == null ? "-" : ((Boolean) o ? "T" : "F");
    }

    @Test
    void connectLog() {
        List<ZeekLog.Row> rows = ZeekLog.read(SharedFixtures.pcap(DIR + "mqtt.mqtt_connect.log")).rows();
        Tally t = compare("mqtt_connect.log", rows, events("connect"),
                List.of("proto_name", "proto_version", "client_id", "connect_status", "will_topic", "will_payload"),
                e -> {
                    Map<String, Object> f = DetailFields.of(e.detail());
                    Map<String, String> m = new LinkedHashMap<>();
                    m.put("proto_name", str(f.get("protocol_name")));
                    m.put("proto_version", version(f.get("protocol_version")));
                    m.put("client_id", str(f.get("client_id")));
                    m.put("connect_status", zeekStatus(f.get("reason")));
                    m.put("will_topic", str(f.get("will_topic")));
                    // the will payload is not kept, only its length: no will in this capture on either side
                    m.put("will_payload", f.containsKey("will_payload_length") ? "(length "
                            + f.get("will_payload_length") + ")" : "-");
                    return m;
                });
        t.print();
        assertThat(t.records()).isEqualTo(2);
        assertThat(t.agreement()).isGreaterThanOrEqualTo(0.99);
    }

    static Map<String, String> publishFields(OtEvent e) {
        Map<String, Object> f = DetailFields.of(e.detail());
        Map<String, String> m = new LinkedHashMap<>();
        m.put("from_client", bool(f.get("from_client")));
        m.put("retain", bool(f.get("retain")));
        long qos = (Long) f.getOrDefault("qos", -1L);
        m.put("qos", qos == 0 ? "at most once" : qos == 1 ? "at least once" : qos == 2 ? "exactly once" : "-");
        m.put("status", Boolean.TRUE.equals(f.get("delivery_complete")) ? "ok" : "incomplete_qos");
        m.put("topic", str(f.get("topic")));
        m.put("payload_len", str(f.get("payload_length")));
        return m;
    }

    /**
     * {@code payload} is not compared: we never keep payloads (only {@code payload_len}, which is compared). Both
     * the default log and the payload-cap test's log (payload cut to 8 bytes) agree on every other field.
     */
    @Test
    void publishLogs() {
        for (String log : List.of("mqtt.mqtt_publish.log", "mqtt-payload-cap.mqtt_publish.log")) {
            List<ZeekLog.Row> rows = ZeekLog.read(SharedFixtures.pcap(DIR + log)).rows();
            Tally t = compare(log, rows, events("publish"),
                    List.of("from_client", "retain", "qos", "status", "topic", "payload_len"),
                    MqttZeekOracleTest::publishFields);
            t.print();
            assertThat(t.records()).isEqualTo(3);
            assertThat(t.agreement()).isGreaterThanOrEqualTo(0.99);
        }
    }

    /**
     * The payload-cap-dynamic output prints, per mqtt_publish event, the (capped) payload, its length and the
     * message's payload length: the last is compared with our payload_length, in packet order across the capture.
     */
    @Test
    void payloadCapDynamicOutput() {
        List<ZeekLog.EventPrint> prints = ZeekLog.readEvents(SharedFixtures.pcap(DIR + "mqtt-payload-cap-dynamic.out"));
        List<OtEvent> ours = events("publish").stream()
                .sorted(java.util.Comparator.comparingLong(OtEvent::timestampMicros)).toList();
        int matched = 0;
        for (int i = 0; i < prints.size(); i++) {
            List<String> args = prints.get(i).args();
            String want = args.get(args.size() - 1).trim();
            if (i < ours.size() && want.equals(str(DetailFields.of(ours.get(i).detail()).get("payload_length")))) {
                matched++;
            }
        }
        System.out.printf("mqtt oracle mqtt-payload-cap-dynamic.out: records %d, matched %d, extra %d%n",
                prints.size(), matched, Math.max(0, ours.size() - prints.size()));
        assertThat(prints).hasSize(3);
        assertThat(matched).isEqualTo(prints.size());
        assertThat(ours).hasSameSizeAs(prints);
    }

    @Test
    void subscribeLog() {
        List<ZeekLog.Row> rows = ZeekLog.read(SharedFixtures.pcap(DIR + "mqtt.mqtt_subscribe.log")).rows();
        List<OtEvent> subs = MqttCapturesTest.run("mqtt.pcap").stream()
                .filter(e -> e.action().equals("subscribe") || e.action().equals("unsubscribe")).toList();
        Tally t = compare("mqtt_subscribe.log", rows, subs,
                List.of("action", "topics", "qos_levels", "granted_qos_level", "ack"), e -> {
                    Map<String, Object> f = DetailFields.of(e.detail());
                    Map<String, String> m = new LinkedHashMap<>();
                    m.put("action", e.action().equals("subscribe") ? "MQTT::SUBSCRIBE" : "MQTT::UNSUBSCRIBE");
                    m.put("topics", f.get("topics") == null ? "-" : String.join(",", (List<String>) f.get("topics")));
                    m.put("qos_levels", f.get("requested_qos") == null ? "-"
                            : String.join(",", ((List<Long>) f.get("requested_qos")).stream().map(String::valueOf)
                            .toList()));
                    // Zeek's mqtt_suback event carries one granted QoS: the first return code
                    List<Long> granted = (List<Long>) f.get("granted_qos");
                    m.put("granted_qos_level", granted == null || granted.isEmpty() ? "-" : granted.get(0).toString());
                    m.put("ack", f.containsKey("ack_packet_type") ? "T" : "F");
                    return m;
                });
        t.print();
        assertThat(t.records()).isEqualTo(1);
        assertThat(t.agreement()).isGreaterThanOrEqualTo(0.99);
    }
}
