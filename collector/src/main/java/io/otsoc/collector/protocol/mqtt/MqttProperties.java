package io.otsoc.collector.protocol.mqtt;

import io.otsoc.collector.model.DetailWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * The MQTT 5 properties of one packet or of a CONNECT's will (MQTT 5 section 2.2.2): a variable byte integer length,
 * then identifier/value pairs whose encodings the identifier fixes (table 2-4). Every identifier is decoded so that
 * the next can be found; an unknown one makes the rest unreadable and the packet malformed. Kept: numbers and
 * strings by name; user properties as {@code key=value} (at most {@link #MAX_USER_PROPERTIES}); binary values
 * (correlation data, authentication data) only by their length, never their content.
 */
final class MqttProperties {

    static final int MAX_USER_PROPERTIES = 16;
    static final int MAX_KEPT = 32;
    static final int USER_PROPERTY = 38;

    private enum Kind { BYTE, U16, U32, VARINT, UTF8, BINARY, PAIR }

    private static final String[] NAMES = new String[43];
    private static final Kind[] KINDS = new Kind[43];

    /** Field names per prefix, built once: "" for the packet, "will_" for the will, "ack_" for the answer. */
    static final String[] PREFIXES = {"", "will_", "ack_"};
    private static final String[][] FIELDS = new String[PREFIXES.length][43];
    private static final String[] USER_FIELDS = new String[PREFIXES.length];

    static {
        define(1, "payload_format_indicator", Kind.BYTE);
        define(2, "message_expiry_interval", Kind.U32);
        define(3, "content_type", Kind.UTF8);
        define(8, "response_topic", Kind.UTF8);
        define(9, "correlation_data_length", Kind.BINARY);
        define(11, "subscription_identifier", Kind.VARINT);
        define(17, "session_expiry_interval", Kind.U32);
        define(18, "assigned_client_identifier", Kind.UTF8);
        define(19, "server_keep_alive", Kind.U16);
        define(21, "authentication_method", Kind.UTF8);
        define(22, "authentication_data_length", Kind.BINARY);
        define(23, "request_problem_information", Kind.BYTE);
        define(24, "will_delay_interval", Kind.U32);
        define(25, "request_response_information", Kind.BYTE);
        define(26, "response_information", Kind.UTF8);
        define(28, "server_reference", Kind.UTF8);
        define(31, "reason_string", Kind.UTF8);
        define(33, "receive_maximum", Kind.U16);
        define(34, "topic_alias_maximum", Kind.U16);
        define(35, "topic_alias", Kind.U16);
        define(36, "maximum_qos", Kind.BYTE);
        define(37, "retain_available", Kind.BYTE);
        define(USER_PROPERTY, "user_properties", Kind.PAIR);
        define(39, "maximum_packet_size", Kind.U32);
        define(40, "wildcard_subscription_available", Kind.BYTE);
        define(41, "subscription_identifier_available", Kind.BYTE);
        define(42, "shared_subscription_available", Kind.BYTE);
        for (int p = 0; p < PREFIXES.length; p++) {
            for (int id = 0; id < NAMES.length; id++) {
                if (NAMES[id] != null) {
                    FIELDS[p][id] = (PREFIXES[p] + NAMES[id]).intern();
                }
            }
            USER_FIELDS[p] = FIELDS[p][USER_PROPERTY];
        }
    }

    private static void define(int id, String name, Kind kind) {
        NAMES[id] = name;
        KINDS[id] = kind;
    }

    /** Every field name a property can be written under, for the index template. */
    static List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (String[] fields : FIELDS) {
            for (String f : fields) {
                if (f != null) {
                    names.add(f);
                }
            }
        }
        return names;
    }

    /** Whether the property {@code id} is written as text (else as a number). */
    static boolean isText(String field) {
        for (int id = 0; id < NAMES.length; id++) {
            if (NAMES[id] != null && field.endsWith(NAMES[id])) {
                return KINDS[id] == Kind.UTF8 || KINDS[id] == Kind.PAIR;
            }
        }
        return false;
    }

    private final int[] ids = new int[MAX_KEPT];
    private final long[] numbers = new long[MAX_KEPT];
    private final String[] texts = new String[MAX_KEPT];
    private int count;
    private List<String> userProperties;

    /** Reads the property length and the properties it covers. */
    static MqttProperties read(MqttCursor c, String where) throws MqttFormatException {
        int length = c.varint(where + " property length");
        MqttCursor p = c.slice(length, where + " properties");
        MqttProperties props = new MqttProperties();
        while (p.remaining() > 0) {
            int id = p.varint(where + " property identifier");
            Kind kind = id < KINDS.length ? KINDS[id] : null;
            if (kind == null) {
                throw new MqttFormatException(where + " property identifier " + id + " is not defined");
            }
            String name = NAMES[id];
            switch (kind) {
                case BYTE -> props.keep(id, p.u8(name), null);
                case U16 -> props.keep(id, p.u16(name), null);
                case U32 -> props.keep(id, p.u32(name), null);
                case VARINT -> props.keep(id, p.varint(name), null);
                case UTF8 -> props.keep(id, 0, p.utf8(name));
                case BINARY -> props.keep(id, p.skipBinary(name), null);
                case PAIR -> {
                    String key = p.utf8("user property name");
                    String value = p.utf8("user property value");
                    if (props.userProperties == null) {
                        props.userProperties = new ArrayList<>(4);
                    }
                    if (props.userProperties.size() < MAX_USER_PROPERTIES) {
                        props.userProperties.add(key + "=" + value);
                    }
                }
            }
        }
        return props;
    }

    private void keep(int id, long number, String text) {
        for (int i = 0; i < count; i++) {
            if (ids[i] == id) {
                return; // a repeated property (only subscription identifiers may repeat): the first is kept
            }
        }
        if (count < MAX_KEPT) {
            ids[count] = id;
            numbers[count] = number;
            texts[count] = text;
            count++;
        }
    }

    /** The number of property {@code id}, or -1 when absent or textual. */
    long number(int id) {
        for (int i = 0; i < count; i++) {
            if (ids[i] == id && texts[i] == null) {
                return numbers[i];
            }
        }
        return -1;
    }

    /** The text of property {@code id}, or null. */
    String text(int id) {
        for (int i = 0; i < count; i++) {
            if (ids[i] == id) {
                return texts[i];
            }
        }
        return null;
    }

    List<String> userProperties() {
        return userProperties == null ? List.of() : List.copyOf(userProperties);
    }

    /** Writes the properties under the field names of {@link #PREFIXES}[{@code prefix}]. */
    void write(DetailWriter out, int prefix) {
        for (int i = 0; i < count; i++) {
            String field = FIELDS[prefix][ids[i]];
            if (texts[i] != null) {
                out.text(field, texts[i]);
            } else {
                out.number(field, numbers[i]);
            }
        }
        if (userProperties != null) {
            out.texts(USER_FIELDS[prefix], userProperties);
        }
    }
}
