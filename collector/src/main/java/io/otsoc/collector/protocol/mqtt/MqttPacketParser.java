package io.otsoc.collector.protocol.mqtt;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the variable header and payload of one control packet into its {@link MqttMessage}, at the protocol level
 * the flow's CONNECT announced (MQTT 5 properties appear only at level 5). Section numbers are MQTT 3.1.1's, with
 * MQTT 5's where it differs. Every length is checked against the packet's remaining length; whatever breaks the
 * specification throws {@link MqttFormatException} naming the packet and the field.
 */
final class MqttPacketParser {

    /** Level 3 is MQTT 3.1 ("MQIsdp"), 4 is 3.1.1 and 5 is MQTT 5 ("MQTT"). */
    static final int V31 = 3;
    static final int V311 = 4;
    static final int V5 = 5;
    /** Topic filters kept per SUBSCRIBE or UNSUBSCRIBE (all are checked), and return codes per acknowledgement. */
    static final int MAX_TOPICS = 64;

    private MqttPacketParser() {
    }

    /**
     * @param body the first {@code kept} bytes of the packet's {@code m.remainingLength}; only a PUBLISH may be cut
     *             short (its payload is not needed)
     * @param level the flow's protocol level, or 0 while unknown (read as 3.1.1)
     */
    static void parse(MqttMessage m, byte[] body, int offset, int kept, int level) throws MqttFormatException {
        String name = m.type.name();
        MqttCursor c = new MqttCursor(body, offset, kept, name);
        boolean v5 = level == V5;
        switch (m.type) {
            case CONNECT -> connect(m, c);
            case CONNACK -> {
                m.ackFlags = c.u8("acknowledge flags");
                if ((m.ackFlags & 0xFE) != 0) {
                    throw new MqttFormatException("CONNACK acknowledge flags 0x" + Integer.toHexString(m.ackFlags)
                            + " set reserved bits 1-7");
                }
                m.reasonCode = c.u8("return code");
                if (v5) {
                    m.properties = MqttProperties.read(c, name);
                }
                end(c, name);
            }
            case PUBLISH -> publish(m, c, v5, kept);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> {
                m.packetId = packetId(c, name);
                if (v5 && c.remaining() > 0) {
                    m.reasonCode = c.u8("reason code");
                    if (c.remaining() > 0) {
                        m.properties = MqttProperties.read(c, name);
                    }
                }
                end(c, name);
            }
            case SUBSCRIBE -> subscribe(m, c, v5);
            case SUBACK, UNSUBACK -> {
                m.packetId = packetId(c, name);
                if (v5) {
                    m.properties = MqttProperties.read(c, name);
                }
                int n = c.remaining();
                int keep = Math.min(n, MAX_TOPICS);
                if (m.type == MqttPacketType.SUBACK && n == 0) {
                    throw new MqttFormatException("SUBACK carries no return code");
                }
                if (m.type == MqttPacketType.UNSUBACK && !v5) {
                    end(c, name);
                } else {
                    m.codes = new int[keep];
                    for (int i = 0; i < keep; i++) {
                        m.codes[i] = c.u8("return code");
                    }
                    c.skip(n - keep, "return codes");
                }
            }
            case UNSUBSCRIBE -> {
                m.packetId = packetId(c, name);
                if (v5) {
                    m.properties = MqttProperties.read(c, name);
                }
                List<String> topics = new ArrayList<>();
                int count = 0;
                while (c.remaining() > 0) {
                    String filter = c.utf8("topic filter");
                    if (filter.isEmpty()) {
                        throw new MqttFormatException("UNSUBSCRIBE topic filter " + count + " is empty");
                    }
                    if (topics.size() < MAX_TOPICS) {
                        topics.add(filter);
                    }
                    count++;
                }
                if (count == 0) {
                    throw new MqttFormatException("UNSUBSCRIBE carries no topic filter");
                }
                m.topics = topics;
            }
            case PINGREQ, PINGRESP -> end(c, name);
            case DISCONNECT, AUTH -> {
                if (v5 && c.remaining() > 0) {
                    m.reasonCode = c.u8("reason code");
                    if (c.remaining() > 0) {
                        m.properties = MqttProperties.read(c, name);
                    }
                } else if (v5) {
                    m.reasonCode = 0; // MQTT 5 3.14.2.1 / 3.15.2.1: absent means 0x00
                }
                end(c, name);
            }
            default -> throw new MqttFormatException("packet type " + m.type.code + " is reserved");
        }
    }

    private static void end(MqttCursor c, String name) throws MqttFormatException {
        if (c.remaining() != 0) {
            throw new MqttFormatException(name + " has " + c.remaining() + " bytes after its last field");
        }
    }

    private static int packetId(MqttCursor c, String name) throws MqttFormatException {
        int id = c.u16("packet identifier");
        if (id == 0) {
            throw new MqttFormatException(name + " packet identifier is 0");
        }
        return id;
    }

    private static void connect(MqttMessage m, MqttCursor c) throws MqttFormatException {
        m.protocolName = c.utf8("protocol name");
        m.level = c.u8("protocol level");
        boolean mqisdp = m.protocolName.equals("MQIsdp") && m.level == V31;
        boolean mqtt = m.protocolName.equals("MQTT") && (m.level == V311 || m.level == V5);
        if (!mqisdp && !mqtt) {
            throw new MqttFormatException("CONNECT protocol name '" + printable(m.protocolName) + "' with level "
                    + m.level + " is neither MQIsdp 3 nor MQTT 4 or 5");
        }
        int f = c.u8("connect flags");
        m.connectFlags = f;
        if ((f & 1) != 0) {
            throw new MqttFormatException("CONNECT flags 0x" + Integer.toHexString(f) + " set the reserved bit 0");
        }
        boolean will = (f & 0x04) != 0;
        int willQos = (f >> 3) & 3;
        if (willQos == 3) {
            throw new MqttFormatException("CONNECT will QoS 3 is invalid");
        }
        if (!will && (willQos != 0 || (f & 0x20) != 0)) {
            throw new MqttFormatException("CONNECT flags 0x" + Integer.toHexString(f)
                    + " set will QoS or will retain without the will flag");
        }
        boolean username = (f & 0x80) != 0;
        boolean password = (f & 0x40) != 0;
        if (password && !username && m.level != V5) {
            throw new MqttFormatException("CONNECT sets the password flag without the user name flag");
        }
        m.keepAlive = c.u16("keep alive");
        if (m.level == V5) {
            m.properties = MqttProperties.read(c, "CONNECT");
        }
        m.clientId = c.utf8("client identifier");
        if (will) {
            if (m.level == V5) {
                m.willProperties = MqttProperties.read(c, "CONNECT will");
            }
            m.willTopic = c.utf8("will topic");
            m.willPayloadLength = c.skipBinary("will payload");
        }
        if (username) {
            m.username = c.utf8("user name");
        }
        if (password) {
            c.skipBinary("password"); // never kept
        }
        end(c, "CONNECT");
    }

    private static void publish(MqttMessage m, MqttCursor c, boolean v5, int kept) throws MqttFormatException {
        int start = c.position();
        try {
            m.topic = c.utf8("topic name");
            if (m.qos() > 0) {
                m.packetId = packetId(c, "PUBLISH");
            }
            if (v5) {
                m.properties = MqttProperties.read(c, "PUBLISH");
            }
        } catch (MqttFormatException e) {
            if (kept < m.remainingLength) {
                throw new MqttFormatException("PUBLISH variable header goes beyond the first " + kept
                        + " bytes kept of its " + m.remainingLength);
            }
            throw e;
        }
        m.payloadLength = m.remainingLength - (c.position() - start);
        if (m.topic.isEmpty() && (m.properties == null || m.properties.number(35) < 0)) {
            throw new MqttFormatException("PUBLISH topic name is empty"
                    + (v5 ? " and no topic alias is given" : ""));
        }
        if (m.topic.indexOf('#') >= 0 || m.topic.indexOf('+') >= 0) {
            throw new MqttFormatException("PUBLISH topic name '" + printable(m.topic)
                    + "' contains a wildcard character (3.3.2-2)");
        }
    }

    private static void subscribe(MqttMessage m, MqttCursor c, boolean v5) throws MqttFormatException {
        m.packetId = packetId(c, "SUBSCRIBE");
        if (v5) {
            m.properties = MqttProperties.read(c, "SUBSCRIBE");
        }
        List<String> topics = new ArrayList<>();
        int[] qos = new int[8];
        int count = 0;
        while (c.remaining() > 0) {
            String filter = c.utf8("topic filter");
            if (filter.isEmpty()) {
                throw new MqttFormatException("SUBSCRIBE topic filter " + count + " is empty");
            }
            int options = c.u8("subscription options");
            int reserved = v5 ? options & 0xC0 : options & 0xFC;
            if (reserved != 0) {
                throw new MqttFormatException("SUBSCRIBE options 0x" + Integer.toHexString(options)
                        + " of topic filter " + count + " set reserved bits");
            }
            if ((options & 3) == 3) {
                throw new MqttFormatException("SUBSCRIBE requested QoS 3 for topic filter " + count
                        + " is invalid");
            }
            count++;
            if (topics.size() == MAX_TOPICS) {
                continue;
            }
            if (topics.size() == qos.length) {
                qos = java.util.Arrays.copyOf(qos, qos.length * 2);
            }
            qos[topics.size()] = options & 3;
            topics.add(filter);
        }
        if (count == 0) {
            throw new MqttFormatException("SUBSCRIBE carries no topic filter");
        }
        m.topics = topics;
        m.requestedQos = java.util.Arrays.copyOf(qos, topics.size());
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 32));
        for (int i = 0; i < s.length() && i < 32; i++) {
            char ch = s.charAt(i);
            b.append(ch >= 0x20 && ch < 0x7F ? ch : '?');
        }
        return b.toString();
    }
}
