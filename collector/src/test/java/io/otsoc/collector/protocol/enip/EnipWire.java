package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.FlowRef;

import java.io.ByteArrayOutputStream;

/** Hand-built EtherNet/IP and CIP bytes, little-endian as on the wire. */
final class EnipWire {

    static final FlowRef TCP = new FlowRef("1:test", "tcp", "00:00:00:00:00:01", "00:00:00:00:00:02", "10.0.0.1",
            50000, "10.0.0.2", 44818, -1);
    static final FlowRef UDP = new FlowRef("1:test", "udp", "00:00:00:00:00:01", "00:00:00:00:00:02", "10.0.0.1",
            50000, "10.0.0.2", 44818, -1);
    static final FlowRef IO = new FlowRef("1:test", "udp", "00:00:00:00:00:01", "00:00:00:00:00:02", "10.0.0.1",
            2222, "10.0.0.2", 2222, -1);
    static final long SESSION = 0x11020100L;

    private EnipWire() {
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] u16(int v) {
        return bytes(v & 0xFF, v >> 8 & 0xFF);
    }

    static byte[] u32(long v) {
        return bytes((int) (v & 0xFF), (int) (v >> 8 & 0xFF), (int) (v >> 16 & 0xFF), (int) (v >> 24 & 0xFF));
    }

    static byte[] encapsulation(int command, long session, long status, byte[] data) {
        return concat(u16(command), u16(data.length), u32(session), u32(status),
                bytes(1, 2, 3, 4, 5, 6, 7, 8), u32(0), data);
    }

    static byte[] item(int type, byte[] data) {
        return concat(u16(type), u16(data.length), data);
    }

    /** SendRRData with a null address and an unconnected data item holding {@code cip}. */
    static byte[] sendRrData(long status, byte[] cip) {
        return encapsulation(0x6F, SESSION, status, concat(u32(0), u16(0), u16(2), item(0, new byte[0]),
                item(0xB2, cip)));
    }

    /** SendUnitData with a connected address and a connected data item: sequence count then {@code cip}. */
    static byte[] sendUnitData(long connectionId, int sequence, byte[] cip) {
        return encapsulation(0x70, SESSION, 0, concat(u32(0), u16(0), u16(2), item(0xA1, u32(connectionId)),
                item(0xB1, concat(u16(sequence), cip))));
    }

    static byte[] registerSession(long session) {
        return encapsulation(0x65, session, 0, bytes(1, 0, 0, 0));
    }

    /** A CIP request: service, path (padded EPATH, even length), data. */
    static byte[] request(int service, byte[] path, byte[] data) {
        return concat(bytes(service, path.length / 2), path, data);
    }

    /** A CIP response: service | 0x80, reserved, status, additional status words, data. */
    static byte[] response(int service, int status, int[] extended, byte[] data) {
        byte[] ext = new byte[2 * extended.length];
        for (int i = 0; i < extended.length; i++) {
            ext[2 * i] = (byte) extended[i];
            ext[2 * i + 1] = (byte) (extended[i] >> 8);
        }
        return concat(bytes(service | 0x80, 0, status, extended.length), ext, data);
    }

    static byte[] classInstance(int cls, int instance) {
        return bytes(0x20, cls, 0x24, instance);
    }

    static byte[] classInstanceAttribute(int cls, int instance, int attribute) {
        return bytes(0x20, cls, 0x24, instance, 0x30, attribute);
    }

    /** ANSI extended symbol segment(s) for each dotted part, padded. */
    static byte[] symbol(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : name.split("\\.")) {
            out.write(0x91);
            out.write(part.length());
            out.writeBytes(part.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            if ((part.length() & 1) != 0) {
                out.write(0);
            }
        }
        return out.toByteArray();
    }

    /** A Multiple Service Packet's data: count, offsets, services. */
    static byte[] multiple(byte[]... services) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int offset = 2 + 2 * services.length;
        byte[] table = new byte[2 * services.length];
        for (int i = 0; i < services.length; i++) {
            table[2 * i] = (byte) offset;
            table[2 * i + 1] = (byte) (offset >> 8);
            offset += services[i].length;
            body.writeBytes(services[i]);
        }
        return concat(u16(services.length), table, body.toByteArray());
    }

    /** ListIdentity reply with one CIP Identity item. */
    static byte[] listIdentityReply(int vendor, int deviceType, int productCode, int major, int minor, int status,
                                    long serial, String name, int state) {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] identity = concat(u16(1), bytes(0, 2, 0xAF, 0x12, 10, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0),
                u16(vendor), u16(deviceType), u16(productCode), bytes(major, minor), u16(status), u32(serial),
                bytes(n.length), n, bytes(state));
        return encapsulation(0x63, 0, 0, concat(u16(1), item(0x0C, identity)));
    }
}
