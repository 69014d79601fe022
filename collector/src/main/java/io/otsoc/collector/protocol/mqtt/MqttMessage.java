package io.otsoc.collector.protocol.mqtt;

import java.util.List;

/**
 * One decoded control packet: its fixed header and whatever its variable header and payload carried. Built by
 * {@link MqttPacketParser}; the fields that a packet type does not carry keep their absent values (-1, null).
 * Only the lengths of payloads are kept, never their bytes, and never a password.
 */
final class MqttMessage {

    static final int ABSENT = -1;

    final MqttPacketType type;
    final int flags;
    final long timestampMicros;
    final boolean toServer;
    final int remainingLength;

    // CONNECT
    String protocolName;
    int level = ABSENT;
    int connectFlags = ABSENT;
    int keepAlive = ABSENT;
    String clientId;
    String willTopic;
    int willPayloadLength = ABSENT;
    String username;
    MqttProperties willProperties;

    // CONNACK
    int ackFlags = ABSENT;

    /** CONNACK return code, or the MQTT 5 reason code of an acknowledgement, DISCONNECT or AUTH. */
    int reasonCode = ABSENT;

    // PUBLISH and the packets with a packet identifier
    int packetId = ABSENT;
    String topic;
    long payloadLength = ABSENT;

    // SUBSCRIBE, UNSUBSCRIBE and their acknowledgements
    List<String> topics;
    int[] requestedQos;
    /** SUBACK return codes (granted QoS or failure), UNSUBACK reason codes (MQTT 5). */
    int[] codes;

    MqttProperties properties;

    MqttMessage(MqttPacketType type, int flags, long timestampMicros, boolean toServer, int remainingLength) {
        this.type = type;
        this.flags = flags;
        this.timestampMicros = timestampMicros;
        this.toServer = toServer;
        this.remainingLength = remainingLength;
    }

    int qos() {
        return type == MqttPacketType.PUBLISH ? (flags >> 1) & 3 : ABSENT;
    }

    boolean retain() {
        return (flags & 1) != 0;
    }

    boolean dup() {
        return (flags & 8) != 0;
    }
}
