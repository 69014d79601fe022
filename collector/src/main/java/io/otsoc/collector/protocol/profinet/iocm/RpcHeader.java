package io.otsoc.collector.protocol.profinet.iocm;

import io.otsoc.collector.protocol.Direction;

import java.util.UUID;

/**
 * The 80-byte header of a connectionless DCE/RPC PDU (C706 chapter 12.5), as PROFINET IO context management
 * sends it over UDP. Integers and the first three fields of each UUID follow the sender's data representation
 * ({@link #littleEndian}); the body (and an eventual authentication trailer) follows the header.
 *
 * @param packetType     0 request, 1 ping, 2 response, 3 fault, 4 working, 5 nocall, 6 reject, 7 ack, 8 cl_cancel,
 *                       9 fack, 10 cancel_ack
 * @param flags1         last fragment 0x02, fragment 0x04, no fack 0x08, maybe 0x10, idempotent 0x20, broadcast 0x40
 * @param flags2         cancel pending 0x02
 * @param serialHigh     high byte of the fragment serial number (byte 7); {@code serialLow} is byte 79
 * @param interfaceVersion the interface version as one 32-bit number (PNIO: 1)
 * @param bodyLength     length of the body that follows the header
 * @param direction      which way the datagram went on its flow
 * @param timestampMicros when the datagram was seen
 */
record RpcHeader(
        int packetType,
        int flags1,
        int flags2,
        boolean littleEndian,
        int charEncoding,
        int floatEncoding,
        int serialHigh,
        UUID objectUuid,
        UUID interfaceUuid,
        UUID activityUuid,
        long serverBootTime,
        long interfaceVersion,
        long sequenceNumber,
        int operationNumber,
        int interfaceHint,
        int activityHint,
        int bodyLength,
        int fragmentNumber,
        int authProtocol,
        int serialLow,
        Direction direction,
        long timestampMicros,
        FackBody fack) {

    static final int SIZE = 80;
    static final int VERSION = 4;
    static final int MAX_PACKET_TYPE = 10;

    static final int REQUEST = 0;
    static final int PING = 1;
    static final int RESPONSE = 2;
    static final int FAULT = 3;
    static final int WORKING = 4;
    static final int NOCALL = 5;
    static final int REJECT = 6;
    static final int ACK = 7;
    static final int CL_CANCEL = 8;
    static final int FACK = 9;
    static final int CANCEL_ACK = 10;

    static final int FLAG_LAST_FRAGMENT = 0x02;
    static final int FLAG_FRAGMENT = 0x04;

    private static final String[] TYPE_NAMES = {"request", "ping", "response", "fault", "working", "nocall", "reject",
        "ack", "cl_cancel", "fack", "cancel_ack"};

    /**
     * The body of a fragment acknowledgement (C706 12.5.3.4): version, window size, largest transport and fragment
     * sizes, serial number of the acknowledged fragment and the selective-acknowledgement bit masks.
     */
    record FackBody(int version, int windowSize, long maxTsdu, long maxFragSize, int serialNumber, int selAckLength) {
    }

    /** Why {@code length} bytes at {@code offset} are not a connectionless DCE/RPC PDU, or null when they are one. */
    static String problem(byte[] b, int offset, int length) {
        if (length < SIZE) {
            return "DCE/RPC header truncated: " + length + " bytes, the connectionless header takes " + SIZE;
        }
        int version = b[offset] & 0xFF;
        if (version != VERSION) {
            return "DCE/RPC version " + version + " at offset 0 is not the connectionless version 4";
        }
        int type = b[offset + 1] & 0xFF;
        if (type > MAX_PACKET_TYPE) {
            return "DCE/RPC packet type " + type + " at offset 1 is not defined (0-10)";
        }
        int drep0 = b[offset + 4] & 0xFF;
        if ((drep0 & 0xEE) != 0) {
            return String.format("DCE/RPC data representation 0x%02x at offset 4 is neither ASCII/EBCDIC nor big/little"
                    + " endian", drep0);
        }
        int body = u16(b, offset + 74, (drep0 & 0x10) != 0);
        if (SIZE + body > length) {
            return "DCE/RPC body length " + body + " at offset 74 exceeds the " + (length - SIZE)
                    + " bytes after the 80-byte header";
        }
        return null;
    }

    /** The header of a PDU {@link #problem} accepted. */
    static RpcHeader parse(byte[] b, int o, int length, Direction direction, long micros) {
        boolean le = (b[o + 4] & 0x10) != 0;
        int type = b[o + 1] & 0xFF;
        int body = u16(b, o + 74, le);
        FackBody fack = null;
        if (type == FACK && body >= 16) {
            int p = o + SIZE;
            fack = new FackBody(b[p] & 0xFF, u16(b, p + 2, le), u32(b, p + 4, le), u32(b, p + 8, le),
                    u16(b, p + 12, le), u16(b, p + 14, le));
        }
        return new RpcHeader(type, b[o + 2] & 0xFF, b[o + 3] & 0xFF, le, b[o + 4] & 0x0F, b[o + 5] & 0xFF,
                b[o + 7] & 0xFF, uuid(b, o + 8, le), uuid(b, o + 24, le), uuid(b, o + 40, le), u32(b, o + 56, le),
                u32(b, o + 60, le), u32(b, o + 64, le), u16(b, o + 68, le), u16(b, o + 70, le), u16(b, o + 72, le),
                body, u16(b, o + 76, le), b[o + 78] & 0xFF, b[o + 79] & 0xFF, direction, micros, fack);
    }

    String typeName() {
        return TYPE_NAMES[packetType];
    }

    boolean fragmented() {
        return (flags1 & FLAG_FRAGMENT) != 0;
    }

    /** The last (or only) fragment of its call's request or response. */
    boolean lastFragment() {
        return !fragmented() || (flags1 & FLAG_LAST_FRAGMENT) != 0;
    }

    static int u16(byte[] b, int p, boolean le) {
        return le ? (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 : (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    static long u32(byte[] b, int p, boolean le) {
        long v = le ? (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24
                : (b[p] & 0xFFL) << 24 | (b[p + 1] & 0xFFL) << 16 | (b[p + 2] & 0xFFL) << 8 | (b[p + 3] & 0xFFL);
        return v;
    }

    /** A UUID in NDR form: time_low (4), time_mid (2), time_hi (2) in the data representation, then 8 bytes. */
    static UUID uuid(byte[] b, int p, boolean le) {
        long msb = u32(b, p, le) << 32 | (long) u16(b, p + 4, le) << 16 | u16(b, p + 6, le);
        long lsb = 0;
        for (int i = 8; i < 16; i++) {
            lsb = lsb << 8 | (b[p + i] & 0xFF);
        }
        return new UUID(msb, lsb);
    }
}
