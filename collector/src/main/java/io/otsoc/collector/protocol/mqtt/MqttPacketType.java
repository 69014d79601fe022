package io.otsoc.collector.protocol.mqtt;

/**
 * The control packet types of the fixed header's high nibble (MQTT 3.1.1 section 2.2.1, MQTT 5 section 2.1.2), with
 * the flags each requires in the low nibble (section 2.2.2 / 2.1.3): 0b0010 for PUBREL, SUBSCRIBE and UNSUBSCRIBE,
 * 0b0000 for the others; PUBLISH carries DUP, QoS and RETAIN there instead (QoS 3 is invalid, and DUP must be 0 at
 * QoS 0, 3.1.1 section 3.3.1.1). Type 0 is reserved; 15 is reserved before
 * MQTT 5 and AUTH from it.
 */
enum MqttPacketType {
    RESERVED(0, "reserved", 0),
    CONNECT(1, "connect", 0),
    CONNACK(2, "connack", 0),
    PUBLISH(3, "publish", -1),
    PUBACK(4, "puback", 0),
    PUBREC(5, "pubrec", 0),
    PUBREL(6, "pubrel", 2),
    PUBCOMP(7, "pubcomp", 0),
    SUBSCRIBE(8, "subscribe", 2),
    SUBACK(9, "suback", 0),
    UNSUBSCRIBE(10, "unsubscribe", 2),
    UNSUBACK(11, "unsuback", 0),
    PINGREQ(12, "pingreq", 0),
    PINGRESP(13, "pingresp", 0),
    DISCONNECT(14, "disconnect", 0),
    AUTH(15, "auth", 0);

    private static final MqttPacketType[] BY_CODE = values();

    final int code;
    /** The packet's name in snake_case, used as the action of a packet reported on its own. */
    final String packetName;
    /** The flags the low nibble must hold, or -1 when they carry information (PUBLISH). */
    final int requiredFlags;

    MqttPacketType(int code, String packetName, int requiredFlags) {
        this.code = code;
        this.packetName = packetName;
        this.requiredFlags = requiredFlags;
    }

    static MqttPacketType of(int code) {
        return BY_CODE[code & 0x0F];
    }

    /** Whether this type may appear at this protocol level (0 = not known yet, judged leniently). */
    boolean allowedAt(int level) {
        if (this == RESERVED) {
            return false;
        }
        return this != AUTH || level == 5;
    }

    /** Null when the fixed header's flags suit the type, else what is wrong. */
    String flagProblem(int flags) {
        if (requiredFlags < 0) {
            int qos = (flags >> 1) & 3;
            if (qos == 3) {
                return "PUBLISH QoS 3 is invalid (fixed header flags 0x" + Integer.toHexString(flags) + ")";
            }
            return qos == 0 && (flags & 8) != 0 ? "PUBLISH sets DUP with QoS 0 (fixed header flags 0x"
                    + Integer.toHexString(flags) + ")" : null;
        }
        return flags == requiredFlags ? null : name() + " fixed header flags 0x" + Integer.toHexString(flags)
                + " are not the required 0x" + Integer.toHexString(requiredFlags);
    }
}
