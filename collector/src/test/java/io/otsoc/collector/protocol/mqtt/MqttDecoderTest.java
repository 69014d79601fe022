package io.otsoc.collector.protocol.mqtt;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.testing.DetailFields;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.otsoc.collector.protocol.mqtt.MqttWire.ack;
import static io.otsoc.collector.protocol.mqtt.MqttWire.bytes;
import static io.otsoc.collector.protocol.mqtt.MqttWire.cat;
import static io.otsoc.collector.protocol.mqtt.MqttWire.connack;
import static io.otsoc.collector.protocol.mqtt.MqttWire.connect311;
import static io.otsoc.collector.protocol.mqtt.MqttWire.connect5;
import static io.otsoc.collector.protocol.mqtt.MqttWire.packet;
import static io.otsoc.collector.protocol.mqtt.MqttWire.publish;
import static io.otsoc.collector.protocol.mqtt.MqttWire.str;
import static io.otsoc.collector.protocol.mqtt.MqttWire.varint;
import static org.assertj.core.api.Assertions.assertThat;

/** The decoder on hand-built byte streams: every framing edge, every packet type, malformed input. */
class MqttDecoderTest {

    private static Map<String, Object> fields(OtEvent e) {
        return DetailFields.of(e.detail());
    }

    @Test
    void connectWithConnackIsOneAuthEventWithoutThePassword() {
        MqttWire w = new MqttWire().toServer(connect311("plc-7", "operator", "s3cret")).toClient(connack(1, 0));
        OtEvent e = w.out.only("connect");
        assertThat(e.category()).isEqualTo(EventCategory.AUTH);
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(e.durationMicros()).isEqualTo(1000);
        Map<String, Object> f = fields(e);
        assertThat(f).containsEntry("client_id", "plc-7").containsEntry("username", "operator")
                .containsEntry("password_present", true).containsEntry("protocol_name", "MQTT")
                .containsEntry("protocol_version", 4L).containsEntry("session_present", true)
                .containsEntry("reason", "connection_accepted").containsEntry("keep_alive", 60L);
        assertThat(f.values().toString()).doesNotContain("s3cret");
        assertThat(w.decoder.pendingCount()).isZero();
    }

    @Test
    void refusedConnectIsAFailureNamingTheReturnCode() {
        MqttWire w = new MqttWire().toServer(connect311("c", "u", "p")).toClient(connack(0, 5));
        OtEvent e = w.out.only("connect");
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorMessage()).contains("5").contains("not_authorized");
    }

    @Test
    void packetsSplitByteByByteDecodeAsWhole() {
        byte[] stream = cat(connect311("split", null, null), publish(0, "a/b", 0, 300), bytes(0xE0, 0));
        MqttWire w = new MqttWire();
        for (byte b : stream) {
            w.toServer(new byte[] {b});
        }
        w.close();
        assertThat(w.out.malformed).isEmpty();
        assertThat(fields(w.out.only("publish"))).containsEntry("topic", "a/b").containsEntry("payload_length", 300L)
                .containsEntry("from_client", true);
        assertThat(w.out.only("publish").category()).isEqualTo(EventCategory.WRITE);
        assertThat(w.out.only("disconnect").outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(fields(w.out.only("connect"))).containsEntry("client_id", "split");
    }

    @Test
    void severalPacketsInOneDelivery() {
        MqttWire w = new MqttWire().toServer(cat(connect311("x", null, null), bytes(0xC0, 0), bytes(0xC0, 0)))
                .toClient(cat(connack(0, 0), bytes(0xD0, 0), bytes(0xD0, 0)));
        assertThat(w.out.events).extracting(OtEvent::action).containsExactly("connect", "ping", "ping");
        assertThat(w.out.events.get(1).category()).isEqualTo(EventCategory.DIAGNOSTIC);
    }

    @Test
    void publishFromTheBrokerIsARead() {
        MqttWire w = new MqttWire().toServer(connect311("x", null, null)).toClient(cat(connack(0, 0),
                publish(0, "t", 0, 5)));
        OtEvent p = w.out.only("publish");
        assertThat(p.category()).isEqualTo(EventCategory.READ);
        assertThat(fields(p)).containsEntry("from_client", false).containsEntry("delivery_complete", true);
    }

    @Test
    void qos1PublishWaitsForItsPuback() {
        MqttWire w = new MqttWire().toServer(cat(connect311("x", null, null), publish(1, "t", 7, 3)));
        assertThat(w.out.events).isEmpty();
        w.toClient(cat(connack(0, 0), ack(0x40, 7)));
        OtEvent p = w.out.only("publish");
        assertThat(p.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(fields(p)).containsEntry("packet_id", 7L).containsEntry("qos", 1L)
                .containsEntry("ack_packet_type", 4L).containsEntry("delivery_complete", true);
    }

    @Test
    void qos2PublishCompletesWithPubcomp() {
        MqttWire w = new MqttWire().toServer(cat(connect311("x", null, null), publish(2, "t", 9, 3)))
                .toClient(cat(connack(0, 0), ack(0x50, 9))).toServer(ack(0x62, 9)).toClient(ack(0x70, 9));
        Map<String, Object> f = fields(w.out.only("publish"));
        assertThat(f).containsEntry("delivery_complete", true).containsEntry("ack_packet_type", 7L);
        assertThat(w.decoder.pendingCount()).isZero();
    }

    @Test
    void unansweredQos2IsIncompleteAtClose() {
        MqttWire w = new MqttWire().toServer(cat(connect311("x", null, null), publish(2, "t", 9, 3)))
                .toClient(cat(connack(0, 0), ack(0x50, 9))).close();
        OtEvent p = w.out.only("publish");
        assertThat(p.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(fields(p)).containsEntry("delivery_complete", false);
    }

    @Test
    void orphanAcknowledgementIsReportedUnderItsOperation() {
        MqttWire w = new MqttWire().toClient(ack(0x40, 3)).close();
        OtEvent p = w.out.only("publish");
        assertThat(fields(p)).containsEntry("packet_type", 4L).containsEntry("packet_id", 3L)
                .containsEntry("from_client", true);
    }

    @Test
    void subscribeWithSuback() {
        byte[] sub = packet(0x82, cat(bytes(0, 1), str("a/#"), bytes(1), str("b"), bytes(2)));
        MqttWire w = new MqttWire().toServer(cat(connect311("x", null, null), sub))
                .toClient(cat(connack(0, 0), packet(0x90, bytes(0, 1, 1, 0x80))));
        OtEvent e = w.out.only("subscribe");
        assertThat(e.category()).isEqualTo(EventCategory.READ);
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorMessage()).contains("topic filter 1");
        assertThat(fields(e)).containsEntry("topics", List.of("a/#", "b"))
                .containsEntry("requested_qos", List.of(1L, 2L)).containsEntry("granted_qos", List.of(1L, 128L));
    }

    @Test
    void unsubscribeWithUnsuback() {
        MqttWire w = new MqttWire().toServer(cat(connect311("x", null, null), packet(0xA2, cat(bytes(0, 4),
                str("a"))))).toClient(cat(connack(0, 0), ack(0xB0, 4)));
        OtEvent e = w.out.only("unsubscribe");
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(e.category()).isEqualTo(EventCategory.OTHER);
        assertThat(fields(e)).containsEntry("topics", List.of("a"));
    }

    @Test
    void mqtt5PropertiesAreDecodedAndNamed() {
        byte[] props = cat(bytes(17, 0, 0, 0, 30), bytes(33, 0, 20), bytes(38), str("site"), str("north"),
                bytes(21), str("SCRAM"), bytes(22), str("secret-data"));
        byte[] connackProps = cat(bytes(34, 0, 10), bytes(18), str("auto-1"));
        MqttWire w = new MqttWire().toServer(connect5("", props))
                .toClient(packet(0x20, cat(bytes(0, 0), varint(connackProps.length), connackProps)));
        Map<String, Object> f = fields(w.out.only("connect"));
        assertThat(f).containsEntry("protocol_version", 5L).containsEntry("session_expiry_interval", 30L)
                .containsEntry("receive_maximum", 20L).containsEntry("user_properties", List.of("site=north"))
                .containsEntry("authentication_method", "SCRAM").containsEntry("authentication_data_length", 11L)
                .containsEntry("ack_topic_alias_maximum", 10L)
                .containsEntry("ack_assigned_client_identifier", "auto-1").containsEntry("reason", "success");
        assertThat(f.values().toString()).doesNotContain("secret-data");
    }

    @Test
    void mqtt5PublishPropertiesAndReasonCodes() {
        byte[] props = cat(bytes(35, 0, 5), bytes(3), str("text/plain"));
        byte[] pub = packet(0x32, cat(str("t"), bytes(0, 1), varint(props.length), props, new byte[4]));
        MqttWire w = new MqttWire().toServer(cat(connect5("c", new byte[0]), pub))
                .toClient(cat(packet(0x20, bytes(0, 0, 0)), packet(0x40, bytes(0, 1, 0x87, 0))));
        OtEvent p = w.out.only("publish");
        assertThat(p.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(p.errorMessage()).contains("not_authorized");
        assertThat(fields(p)).containsEntry("topic_alias", 5L).containsEntry("content_type", "text/plain")
                .containsEntry("payload_length", 4L).containsEntry("reason_code", 0x87L);
    }

    @Test
    void mqtt5DisconnectAndAuth() {
        MqttWire w = new MqttWire().toServer(connect5("c", new byte[0])).toClient(packet(0x20, bytes(0, 0, 0)))
                .toServer(packet(0xF0, bytes(0x19, 0))).toClient(packet(0xE0, bytes(0x8B)));
        assertThat(w.out.only("auth").category()).isEqualTo(EventCategory.AUTH);
        assertThat(fields(w.out.only("auth"))).containsEntry("reason", "re_authenticate");
        OtEvent d = w.out.only("disconnect");
        assertThat(d.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(fields(d)).containsEntry("reason", "server_shutting_down").containsEntry("from_client", false);
    }

    @Test
    void propertyLengthBeyondThePacketIsMalformedAndNamed() {
        byte[] bad = packet(0x10, cat(str("MQTT"), bytes(5, 2, 0, 60), varint(50), bytes(33, 0, 1)));
        MqttWire w = new MqttWire().toServer(bad);
        assertThat(w.out.malformed).singleElement().asString().contains("CONNECT properties length 50 exceeds");
        assertThat(w.out.events.get(0).action()).isEqualTo("connect");
    }

    @Test
    void unknownPropertyIsMalformed() {
        MqttWire w = new MqttWire().toServer(connect5("c", bytes(99, 0)));
        assertThat(w.out.malformed).singleElement().asString().contains("property identifier 99 is not defined");
    }

    @Test
    void reservedTypesAreMalformedAndSkippedByLength() {
        MqttWire w = new MqttWire().toServer(connect311("x", null, null))
                .toServer(cat(packet(0x00, new byte[24]), packet(0xF0, new byte[3]), bytes(0xC0, 0)));
        assertThat(w.out.malformed).hasSize(2);
        assertThat(w.out.malformed.get(0)).contains("type 0 is reserved");
        assertThat(w.out.malformed.get(1)).contains("type 15 is reserved before MQTT 5");
        w.toClient(bytes(0xD0, 0));
        assertThat(w.out.events).extracting(OtEvent::action).contains("ping");
    }

    @Test
    void badFlagsAndQos3AreMalformedUnderTheirOperation() {
        MqttWire w = new MqttWire().toServer(connect311("x", null, null))
                .toServer(cat(packet(0x80, cat(bytes(0, 1), str("a"), bytes(0))), packet(0x36, cat(str("t"),
                        bytes(0, 1))), bytes(0xC0, 0)));
        assertThat(w.out.malformed).hasSize(2);
        assertThat(w.out.malformed.get(0)).startsWith("subscribe: SUBSCRIBE fixed header flags 0x0");
        assertThat(w.out.malformed.get(1)).startsWith("publish: PUBLISH QoS 3 is invalid");
        assertThat(w.out.events).allMatch(e -> !e.malformed() || e.outcome() == Outcome.FAILURE);
    }

    @Test
    void publishRulesOfTheSpecification() {
        MqttWire w = new MqttWire().toServer(connect311("x", null, null))
                .toServer(cat(packet(0x38, cat(str("t"), bytes(1))), publish(0, "a/+/b", 0, 1), publish(0, "", 0, 1),
                        packet(0x82, cat(bytes(0, 1), str(""), bytes(0)))));
        assertThat(w.out.malformed).hasSize(4);
        assertThat(w.out.malformed.get(0)).contains("DUP with QoS 0");
        assertThat(w.out.malformed.get(1)).contains("wildcard");
        assertThat(w.out.malformed.get(2)).contains("topic name is empty");
        assertThat(w.out.malformed.get(3)).contains("topic filter 0 is empty");
    }

    @Test
    void oversizedRemainingLengthLosesFramingUntilAValidSegment() {
        MqttWire w = new MqttWire().toServer(connect311("x", null, null))
                .toServer(cat(bytes(0x30, 0xFF, 0xFF, 0xFF, 0x7F), new byte[20]));
        assertThat(w.out.malformed).singleElement().asString().contains("exceeds the 16777216-byte limit");
        w.toServer(bytes(0x00, 0x13, 0x37)); // not a packet start: dropped silently
        w.toServer(bytes(0xC0, 0)).toClient(cat(connack(0, 0), bytes(0xD0, 0)));
        assertThat(w.out.malformed).hasSize(1);
        assertThat(w.out.events).extracting(OtEvent::action).contains("connect", "ping");
    }

    @Test
    void remainingLengthOfFiveBytesIsMalformed() {
        MqttWire w = new MqttWire().toServer(connect311("x", null, null))
                .toServer(bytes(0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
        assertThat(w.out.malformed).singleElement().asString().contains("continues past 4 bytes");
    }

    @Test
    void truncatedPacketAtCloseIsReported() {
        byte[] p = publish(0, "t", 0, 100);
        MqttWire w = new MqttWire().toServer(connect311("x", null, null)).toServer(java.util.Arrays.copyOf(p, 40))
                .close();
        assertThat(w.out.malformed).singleElement().asString().contains("truncated").contains("remaining length 103");
    }

    @Test
    void gapDropsThePartialPacketAndResynchronises() {
        byte[] p = publish(0, "t", 0, 100);
        MqttWire w = new MqttWire().toServer(connect311("x", null, null)).toServer(java.util.Arrays.copyOf(p, 40));
        w.decoder.onGap(Direction.TO_SERVER, 30, w.micros);
        w.toServer(java.util.Arrays.copyOfRange(p, 70, p.length)); // rest of the packet: not a packet start
        w.toServer(publish(0, "u", 0, 1)).close();
        assertThat(w.out.malformed).isEmpty();
        assertThat(fields(w.out.only("publish"))).containsEntry("topic", "u");
    }

    @Test
    void largePublishIsCountedNotBuffered() {
        int size = 3 * MqttFramer.MAX_KEPT;
        byte[] p = publish(0, "big", 0, size);
        MqttWire w = new MqttWire().toServer(connect311("x", null, null));
        for (int off = 0; off < p.length; off += 1460) {
            w.toServer(java.util.Arrays.copyOfRange(p, off, Math.min(p.length, off + 1460)));
        }
        assertThat(fields(w.out.only("publish"))).containsEntry("payload_length", (long) size);
        assertThat(w.out.malformed).isEmpty();
    }

    @Test
    void oversizedNonPublishPacketIsMalformedButFramingHolds() {
        byte[] big = packet(0x82, cat(bytes(0, 1), new byte[MqttFramer.MAX_KEPT + 10]));
        MqttWire w = new MqttWire().toServer(connect311("x", null, null)).toServer(cat(big, bytes(0xC0, 0)))
                .toClient(cat(connack(0, 0), bytes(0xD0, 0)));
        assertThat(w.out.malformed).singleElement().asString().contains("exceeds the 262144 bytes kept");
        assertThat(w.out.events).extracting(OtEvent::action).contains("ping");
    }

    @Test
    void midstreamConnackWithPropertiesMeansMqtt5() {
        byte[] props = cat(bytes(34, 0, 10));
        MqttWire w = new MqttWire().toClient(bytes(0x20)).toClient(cat(varint(2 + 1 + props.length), bytes(0, 0),
                varint(props.length), props));
        byte[] pub = packet(0x30, cat(str("topicX"), bytes(0), new byte[7]));
        w.toServer(pub).close();
        assertThat(w.decoder.level()).isEqualTo(5);
        assertThat(fields(w.out.only("publish"))).containsEntry("payload_length", 7L).containsEntry("topic", "topicX");
        assertThat(fields(w.out.only("connect"))).containsEntry("ack_topic_alias_maximum", 10L);
    }

    @Test
    void otherBytesOnThePortAreNotMqtt() {
        MqttWire w = new MqttWire();
        byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < MqttDecoder.NOT_MQTT_AFTER; i++) {
            w.toServer(http);
        }
        assertThat(w.out.notThisProtocol).as("one direction only: could be the middle of a long PUBLISH").isEmpty();
        w.toClient("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(w.out.notThisProtocol).hasSize(1);
        w.toServer(connect311("x", null, null)).close();
        assertThat(w.out.events).isEmpty();
    }

    @Test
    void pendingPublishesAreBounded() {
        MqttWire w = new MqttWire().toServer(connect311("x", null, null));
        for (int i = 1; i <= 3 * MqttDecoder.MAX_PENDING; i++) {
            w.toServer(publish(1, "t", i, 1));
        }
        assertThat(w.decoder.pendingCount()).isLessThanOrEqualTo(MqttDecoder.MAX_PENDING + 1);
        w.close();
        assertThat(w.out.events.stream().filter(e -> e.action().equals("publish")).count())
                .isEqualTo(3L * MqttDecoder.MAX_PENDING);
        assertThat(w.decoder.pendingCount()).isZero();
    }

    @Test
    void recognizesOnlyAStrictConnect() {
        MqttDecoderFactory f = new MqttDecoderFactory();
        byte[] c311 = connect311("x", "u", "p");
        byte[] c31 = packet(0x10, cat(str("MQIsdp"), bytes(3, 2, 0, 60), str("x")));
        assertThat(f.recognizes(true, Direction.TO_SERVER, c311, 0, c311.length)).isTrue();
        assertThat(f.recognizes(true, Direction.TO_SERVER, c31, 0, c31.length)).isTrue();
        assertThat(f.recognizes(true, Direction.TO_SERVER, connect5("x", new byte[0]), 0, 20)).isTrue();
        assertThat(f.recognizes(true, Direction.TO_CLIENT, c311, 0, c311.length)).isFalse();
        assertThat(f.recognizes(false, Direction.TO_SERVER, c311, 0, c311.length)).isFalse();
        byte[] wrongLevel = packet(0x10, cat(str("MQTT"), bytes(3, 2, 0, 60), str("x")));
        assertThat(f.recognizes(true, Direction.TO_SERVER, wrongLevel, 0, wrongLevel.length)).isFalse();
        byte[] http = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(f.recognizes(true, Direction.TO_SERVER, http, 0, http.length)).isFalse();
        assertThat(f.recognizes(true, Direction.TO_SERVER, bytes(0x10, 0x0C, 0, 4, 'M', 'Q', 'T', 'T', 4, 1, 0, 0,
                0, 0), 0, 14)).isFalse(); // reserved connect flag bit
        assertThat(f.tcpPorts()).containsExactly(1883);
    }

    @Test
    void templateFragmentListsExactlyTheFieldsWritten() throws Exception {
        java.nio.file.Path fragment = java.nio.file.Path.of(
                "../siem-mappings/src/main/resources/index-templates/protocols/mqtt.json");
        com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(fragment.toFile());
        java.util.Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        java.util.Set<String> ours = new java.util.TreeSet<>(MqttDetail.FIELDS);
        ours.addAll(MqttProperties.fieldNames());
        assertThat(names).isEqualTo(ours);
        for (String p : MqttProperties.fieldNames()) {
            assertThat(node.get(p).get("type").asText()).as(p).isEqualTo(MqttProperties.isText(p) ? "keyword" : "long");
        }
    }
}
