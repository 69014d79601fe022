package io.otsoc.collector.protocol.mqtt;

import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.List;

/**
 * What one MQTT exchange carried (see {@link MqttDecoder} for what an exchange is). Written under
 * {@code otsoc.mqtt.*}; {@link #ABSENT} (-1) marks a number not carried, null a text, flag or list not carried.
 * A password is never decoded, only whether one was present; payloads only by their length.
 *
 * @param packetType        type code of the exchange's first packet seen (1 CONNECT, 3 PUBLISH, 8 SUBSCRIBE, ...;
 *                          an answer's code when the request was not seen)
 * @param ackPacketType     type code of the last answer seen (2 CONNACK, 4 PUBACK, 7 PUBCOMP, 9 SUBACK, ...), or -1
 * @param protocolName      CONNECT protocol name (MQIsdp or MQTT)
 * @param protocolVersion   the flow's protocol level (3 for 3.1, 4 for 3.1.1, 5), or -1 when no CONNECT was seen
 * @param reasonCode        CONNACK return code, or the MQTT 5 reason code of the answer, DISCONNECT or AUTH
 * @param reason            that code's name in snake_case
 * @param grantedQos        SUBACK return codes per topic filter (granted QoS, 0x80 failure)
 * @param reasonCodes       UNSUBACK reason codes per topic filter (MQTT 5)
 * @param deliveryComplete  PUBLISH: whether the whole exchange of its QoS was seen (QoS 0: none needed; QoS 1:
 *                          PUBACK; QoS 2: PUBREC, PUBREL and PUBCOMP, or a PUBREC refusing it)
 */
public record MqttDetail(
        int packetType,
        int ackPacketType,
        String protocolName,
        int protocolVersion,
        String clientId,
        String username,
        Boolean usernamePresent,
        Boolean passwordPresent,
        Boolean cleanSession,
        Boolean willFlag,
        int willQos,
        Boolean willRetain,
        String willTopic,
        int willPayloadLength,
        int keepAlive,
        Boolean sessionPresent,
        int reasonCode,
        String reason,
        Boolean fromClient,
        String topic,
        int qos,
        Boolean retain,
        Boolean dup,
        int packetId,
        long payloadLength,
        Boolean deliveryComplete,
        List<String> topics,
        int[] requestedQos,
        int[] grantedQos,
        int[] reasonCodes,
        MqttProperties properties,
        MqttProperties willProperties,
        MqttProperties ackProperties) implements ProtocolDetail {

    public static final int ABSENT = -1;

    /** The names of the fields {@link #writeFields} can write, besides the MQTT 5 properties. */
    static final List<String> FIELDS = List.of("packet_type", "ack_packet_type", "protocol_name", "protocol_version",
            "client_id", "username", "username_present", "password_present", "clean_session", "will_flag", "will_qos",
            "will_retain", "will_topic", "will_payload_length", "keep_alive", "session_present", "reason_code",
            "reason", "from_client", "topic", "qos", "retain", "dup", "packet_id", "payload_length",
            "delivery_complete", "topics", "requested_qos", "granted_qos", "reason_codes");

    @Override
    public void writeFields(DetailWriter out) {
        number(out, "packet_type", packetType);
        number(out, "ack_packet_type", ackPacketType);
        text(out, "protocol_name", protocolName);
        number(out, "protocol_version", protocolVersion);
        text(out, "client_id", clientId);
        text(out, "username", username);
        flag(out, "username_present", usernamePresent);
        flag(out, "password_present", passwordPresent);
        flag(out, "clean_session", cleanSession);
        flag(out, "will_flag", willFlag);
        number(out, "will_qos", willQos);
        flag(out, "will_retain", willRetain);
        text(out, "will_topic", willTopic);
        number(out, "will_payload_length", willPayloadLength);
        number(out, "keep_alive", keepAlive);
        flag(out, "session_present", sessionPresent);
        number(out, "reason_code", reasonCode);
        text(out, "reason", reason);
        flag(out, "from_client", fromClient);
        text(out, "topic", topic);
        number(out, "qos", qos);
        flag(out, "retain", retain);
        flag(out, "dup", dup);
        number(out, "packet_id", packetId);
        if (payloadLength != ABSENT) {
            out.number("payload_length", payloadLength);
        }
        flag(out, "delivery_complete", deliveryComplete);
        if (topics != null) {
            out.texts("topics", topics);
        }
        if (requestedQos != null) {
            out.numbers("requested_qos", requestedQos, requestedQos.length);
        }
        if (grantedQos != null) {
            out.numbers("granted_qos", grantedQos, grantedQos.length);
        }
        if (reasonCodes != null) {
            out.numbers("reason_codes", reasonCodes, reasonCodes.length);
        }
        if (properties != null) {
            properties.write(out, 0);
        }
        if (willProperties != null) {
            willProperties.write(out, 1);
        }
        if (ackProperties != null) {
            ackProperties.write(out, 2);
        }
    }

    private static void number(DetailWriter out, String field, int value) {
        if (value != ABSENT) {
            out.number(field, value);
        }
    }

    private static void text(DetailWriter out, String field, String value) {
        if (value != null) {
            out.text(field, value);
        }
    }

    private static void flag(DetailWriter out, String field, Boolean value) {
        if (value != null) {
            out.flag(field, value);
        }
    }
}
