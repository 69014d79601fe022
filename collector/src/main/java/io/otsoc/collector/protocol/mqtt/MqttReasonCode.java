package io.otsoc.collector.protocol.mqtt;

/**
 * Names of the CONNACK return codes of MQTT 3.1 and 3.1.1 (3.1.1 table 3.1) and of the MQTT 5 reason codes (MQTT 5
 * section 2.4, table 2-6), in snake_case. A code whose meaning depends on the packet (0x00: success, normal
 * disconnection or granted QoS 0) is named for that packet.
 */
final class MqttReasonCode {

    private MqttReasonCode() {
    }

    /** The name of {@code code} in a packet of {@code type} at protocol {@code level}, or null when unassigned. */
    static String name(MqttPacketType type, int level, int code) {
        if (level < 5 && type == MqttPacketType.CONNACK) {
            return switch (code) {
                case 0 -> "connection_accepted";
                case 1 -> "unacceptable_protocol_version";
                case 2 -> "identifier_rejected";
                case 3 -> "server_unavailable";
                case 4 -> "bad_user_name_or_password";
                case 5 -> "not_authorized";
                default -> null;
            };
        }
        if (level < 5 && type == MqttPacketType.SUBACK) {
            return switch (code) {
                case 0 -> "granted_qos_0";
                case 1 -> "granted_qos_1";
                case 2 -> "granted_qos_2";
                case 0x80 -> "failure";
                default -> null;
            };
        }
        return switch (code) {
            case 0x00 -> switch (type) {
                case SUBACK -> "granted_qos_0";
                case DISCONNECT -> "normal_disconnection";
                default -> "success";
            };
            case 0x01 -> "granted_qos_1";
            case 0x02 -> "granted_qos_2";
            case 0x04 -> "disconnect_with_will_message";
            case 0x10 -> "no_matching_subscribers";
            case 0x11 -> "no_subscription_existed";
            case 0x18 -> "continue_authentication";
            case 0x19 -> "re_authenticate";
            case 0x80 -> "unspecified_error";
            case 0x81 -> "malformed_packet";
            case 0x82 -> "protocol_error";
            case 0x83 -> "implementation_specific_error";
            case 0x84 -> "unsupported_protocol_version";
            case 0x85 -> "client_identifier_not_valid";
            case 0x86 -> "bad_user_name_or_password";
            case 0x87 -> "not_authorized";
            case 0x88 -> "server_unavailable";
            case 0x89 -> "server_busy";
            case 0x8A -> "banned";
            case 0x8B -> "server_shutting_down";
            case 0x8C -> "bad_authentication_method";
            case 0x8D -> "keep_alive_timeout";
            case 0x8E -> "session_taken_over";
            case 0x8F -> "topic_filter_invalid";
            case 0x90 -> "topic_name_invalid";
            case 0x91 -> "packet_identifier_in_use";
            case 0x92 -> "packet_identifier_not_found";
            case 0x93 -> "receive_maximum_exceeded";
            case 0x94 -> "topic_alias_invalid";
            case 0x95 -> "packet_too_large";
            case 0x96 -> "message_rate_too_high";
            case 0x97 -> "quota_exceeded";
            case 0x98 -> "administrative_action";
            case 0x99 -> "payload_format_invalid";
            case 0x9A -> "retain_not_supported";
            case 0x9B -> "qos_not_supported";
            case 0x9C -> "use_another_server";
            case 0x9D -> "server_moved";
            case 0x9E -> "shared_subscriptions_not_supported";
            case 0x9F -> "connection_rate_exceeded";
            case 0xA0 -> "maximum_connect_time";
            case 0xA1 -> "subscription_identifiers_not_supported";
            case 0xA2 -> "wildcard_subscriptions_not_supported";
            default -> null;
        };
    }

    /** Whether the code reports a failure: a non-zero CONNACK return code before MQTT 5, 0x80 and above otherwise. */
    static boolean failed(MqttPacketType type, int level, int code) {
        if (level < 5 && type == MqttPacketType.CONNACK) {
            return code != 0;
        }
        return code >= 0x80;
    }
}
