package io.otsoc.collector.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes capture files byte by byte as the formats specify them (pcap-savefile(5) and the PCAPNG draft), for
 * tests whose expected values come from the specification rather than from the reader under test.
 */
final class CaptureBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    private CaptureBytes(ByteOrder order) {
        this.order = order;
    }

    // ---- classic pcap -------------------------------------------------------------------------------------

    /** A classic file header: magic, version 2.4, zone 0, sigfigs 0, snap length, link type. */
    static CaptureBytes classic(ByteOrder order, int magic, int snapLength, int linkType) {
        CaptureBytes bytes = new CaptureBytes(order);
        bytes.int32(magic).int16(2).int16(4).int32(0).int32(0).int32(snapLength).int32(linkType);
        return bytes;
    }

    /** A classic record: seconds, fraction (micro- or nanoseconds per the magic), lengths, data. */
    CaptureBytes record(long seconds, long fraction, byte[] data, int originalLength) {
        return int32((int) seconds).int32((int) fraction).int32(data.length).int32(originalLength).raw(data);
    }

    /** A record header that claims {@code capturedLength} bytes, followed by nothing. */
    CaptureBytes recordHeader(long seconds, long fraction, int capturedLength, int originalLength) {
        return int32((int) seconds).int32((int) fraction).int32(capturedLength).int32(originalLength);
    }

    // ---- pcapng -------------------------------------------------------------------------------------------

    /** Starts a file with a section header block in the given byte order. */
    static CaptureBytes pcapng(ByteOrder order) {
        return new CaptureBytes(order).section(order);
    }

    /** A section header block: byte-order magic, version 1.0, section length unknown (-1), no options. */
    CaptureBytes section(ByteOrder sectionOrder) {
        this.order = sectionOrder;
        byte[] body = buffer(16).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L).array();
        return block(0x0A0D0D0A, body);
    }

    /** An interface description block with optional if_tsresol (9) and if_tsoffset (14) options. */
    CaptureBytes interfaceBlock(int linkType, int snapLength, Integer tsResolution, Long tsOffsetSeconds) {
        ByteBuffer body = buffer(8 + 8 + 16 + 4);
        body.putShort((short) linkType).putShort((short) 0).putInt(snapLength);
        if (tsResolution != null) {
            body.putShort((short) 9).putShort((short) 1).put((byte) (int) tsResolution).put(new byte[3]);
        }
        if (tsOffsetSeconds != null) {
            body.putShort((short) 14).putShort((short) 8).putLong(tsOffsetSeconds);
        }
        body.putShort((short) 0).putShort((short) 0);
        return block(1, slice(body));
    }

    /** An enhanced packet block; the timestamp is in the interface's units, written high word first. */
    CaptureBytes enhancedPacket(int interfaceId, long units, byte[] data, int originalLength) {
        ByteBuffer body = buffer(20 + padded(data.length));
        body.putInt(interfaceId).putInt((int) (units >>> 32)).putInt((int) units).putInt(data.length)
                .putInt(originalLength).put(data);
        return block(6, body.array());
    }

    /** An obsolete packet block: 16-bit interface id and drop count, then as an enhanced packet block. */
    CaptureBytes obsoletePacket(int interfaceId, long units, byte[] data, int originalLength) {
        ByteBuffer body = buffer(20 + padded(data.length));
        body.putShort((short) interfaceId).putShort((short) 0).putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(data.length).putInt(originalLength).put(data);
        return block(2, body.array());
    }

    /** A simple packet block: original length and data only; interface 0, no timestamp. */
    CaptureBytes simplePacket(byte[] data, int originalLength) {
        ByteBuffer body = buffer(4 + padded(data.length));
        body.putInt(originalLength).put(data);
        return block(3, body.array());
    }

    /** Any block: type, total length, body (padded to 4), total length again. */
    CaptureBytes block(int type, byte[] body) {
        int length = 12 + padded(body.length);
        int32(type).int32(length).raw(body).raw(new byte[padded(body.length) - body.length]).int32(length);
        return this;
    }

    // ---- plumbing -----------------------------------------------------------------------------------------

    CaptureBytes int32(int value) {
        return raw(buffer(4).putInt(value).array());
    }

    CaptureBytes int16(int value) {
        return raw(buffer(2).putShort((short) value).array());
    }

    CaptureBytes raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }

    private ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(order);
    }

    private static byte[] slice(ByteBuffer filled) {
        byte[] bytes = new byte[filled.position()];
        System.arraycopy(filled.array(), 0, bytes, 0, bytes.length);
        return bytes;
    }

    static int padded(int length) {
        return (length + 3) & ~3;
    }

    /** Bytes 0, 1, 2, ... of the given length, marked with a first byte so frames can be told apart. */
    static byte[] data(int length, int mark) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        if (length > 0) {
            bytes[0] = (byte) mark;
        }
        return bytes;
    }
}
