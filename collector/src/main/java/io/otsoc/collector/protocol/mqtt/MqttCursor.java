package io.otsoc.collector.protocol.mqtt;

import java.nio.charset.StandardCharsets;

/**
 * Reads the data types of MQTT (3.1.1 section 1.5, MQTT 5 section 1.5) from a packet body, checking every length
 * against what is left: two-byte integers, four-byte integers, variable byte integers, UTF-8 strings and binary data
 * with a two-byte length prefix. {@code what} names the field in the error message.
 */
final class MqttCursor {

    private final byte[] buf;
    private int pos;
    private final int end;
    private final String packet;

    MqttCursor(byte[] buf, int offset, int length, String packet) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
        this.packet = packet;
    }

    int remaining() {
        return end - pos;
    }

    int position() {
        return pos;
    }

    MqttFormatException error(String what, int needed) {
        return new MqttFormatException(packet + " " + what + " needs " + needed + " bytes but " + remaining()
                + " remain");
    }

    int u8(String what) throws MqttFormatException {
        if (remaining() < 1) {
            throw error(what, 1);
        }
        return buf[pos++] & 0xFF;
    }

    int u16(String what) throws MqttFormatException {
        if (remaining() < 2) {
            throw error(what, 2);
        }
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u32(String what) throws MqttFormatException {
        if (remaining() < 4) {
            throw error(what, 4);
        }
        long v = ((long) (buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
                | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** A variable byte integer of at most four bytes (MQTT 5 section 1.5.5). */
    int varint(String what) throws MqttFormatException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            if (remaining() < 1) {
                throw error(what, 1);
            }
            int b = buf[pos++] & 0xFF;
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MqttFormatException(packet + " " + what + " variable byte integer is longer than 4 bytes");
    }

    /** A length-prefixed string, decoded as UTF-8 (malformed sequences replaced). */
    String utf8(String what) throws MqttFormatException {
        int n = u16(what + " length");
        if (remaining() < n) {
            throw new MqttFormatException(packet + " " + what + " length " + n + " exceeds the " + remaining()
                    + " bytes left");
        }
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Skips length-prefixed binary data, returning its length. */
    int skipBinary(String what) throws MqttFormatException {
        int n = u16(what + " length");
        skip(n, what);
        return n;
    }

    void skip(int n, String what) throws MqttFormatException {
        if (n < 0 || remaining() < n) {
            throw new MqttFormatException(packet + " " + what + " length " + n + " exceeds the " + remaining()
                    + " bytes left");
        }
        pos += n;
    }

    /** A cursor over the next {@code n} bytes, which this one skips. */
    MqttCursor slice(int n, String what) throws MqttFormatException {
        if (n < 0 || remaining() < n) {
            throw new MqttFormatException(packet + " " + what + " length " + n + " exceeds the " + remaining()
                    + " bytes left");
        }
        MqttCursor c = new MqttCursor(buf, pos, n, packet);
        pos += n;
        return c;
    }
}
