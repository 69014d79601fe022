package io.otsoc.collector.protocol.modbus;

import java.nio.charset.StandardCharsets;

import static io.otsoc.collector.protocol.modbus.BigEndian.u16;
import static io.otsoc.collector.protocol.modbus.BigEndian.u8;
import static io.otsoc.collector.protocol.modbus.ModbusDetail.ABSENT;

/**
 * Decodes a normal or exception response PDU into the {@link Transaction} that holds its request (if it was
 * seen), checking lengths and counts against the PDU and, when the request is known, against what it asked for.
 * Returns null when the response is well formed, otherwise a one-line reason naming the field.
 */
final class ResponsePdu {

    static final int MAX_FIFO_COUNT = 31;
    static final int MAX_COMM_EVENTS = 64;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ResponsePdu() {
    }

    /** {@code b[off]} is the function code; {@code len} is the PDU length (at least 1). */
    static String decode(byte[] b, int off, int len, Transaction t) {
        int fc = u8(b, off);
        if ((fc & 0x80) != 0) {
            return exception(b, off, len, t);
        }
        switch (fc) {
            case 1, 2:
                return readBits(b, off, len, t);
            case 3, 4, 23:
                return readRegisters(b, off, len, t);
            case 5:
                return writeSingleCoil(b, off, len, t);
            case 6:
                return writeSingleRegister(b, off, len, t);
            case 7:
                if (len != 2) {
                    return problem(fc, "PDU length " + len + " is not 2");
                }
                t.exceptionStatus = u8(b, off + 1);
                return null;
            case 8:
                return diagnostics(b, off, len, t);
            case 11:
                if (len != 5) {
                    return problem(fc, "PDU length " + len + " is not 5");
                }
                t.status = u16(b, off + 1);
                t.eventCount = u16(b, off + 3);
                return null;
            case 12:
                return commEventLog(b, off, len, t);
            case 15, 16:
                return writeMultipleEcho(b, off, len, t);
            case 17:
                return reportServerId(b, off, len, t);
            case 20:
                return FileRecords.decodeReadResponse(b, off, len, t);
            case 21:
                return FileRecords.decodeWrite(b, off, len, t, false);
            case 22:
                if (len != 7) {
                    return problem(fc, "PDU length " + len + " is not 7");
                }
                if (t.address == ABSENT) {
                    t.address = u16(b, off + 1);
                    t.andMask = u16(b, off + 3);
                    t.orMask = u16(b, off + 5);
                }
                return null;
            case 24:
                return fifoQueue(b, off, len, t);
            case 43:
                return encapsulatedInterface(b, off, len, t);
            case 0:
                return "function code 0 is not a Modbus function";
            default:
                return null; // user-defined and unassigned codes: the data is not specified
        }
    }

    private static String exception(byte[] b, int off, int len, Transaction t) {
        int fc = u8(b, off) & 0x7F;
        if (len != 2) {
            return problem(fc, "exception response PDU length " + len + " is not 2");
        }
        t.exceptionCode = u8(b, off + 1);
        return fc == 0 ? "exception response for function code 0, which is not a Modbus function" : null;
    }

    private static boolean requestKnown(Transaction t) {
        return t.hasRequest() && t.requestProblem == null;
    }

    private static String readBits(byte[] b, int off, int len, Transaction t) {
        int fc = u8(b, off);
        String byteCountProblem = byteCount(b, off, len, fc);
        if (byteCountProblem != null) {
            return byteCountProblem;
        }
        int byteCount = u8(b, off + 1);
        if (byteCount == 0) {
            return problem(fc, "byte count 0 carries no status");
        }
        int bits = byteCount * 8;
        if (requestKnown(t)) {
            int expected = (t.quantity + 7) / 8;
            if (byteCount != expected) {
                return problem(fc, "byte count " + byteCount + " does not match quantity " + t.quantity
                        + " of the request (expected " + expected + ")");
            }
            bits = t.quantity;
        }
        t.startResponseValues();
        RequestPdu.addBits(b, off + 2, bits, t, false);
        return null;
    }

    /** Functions 3, 4 and 23: byte count, then 2 x N bytes of register values. */
    private static String readRegisters(byte[] b, int off, int len, Transaction t) {
        int fc = u8(b, off);
        String byteCountProblem = byteCount(b, off, len, fc);
        if (byteCountProblem != null) {
            return byteCountProblem;
        }
        int byteCount = u8(b, off + 1);
        if (byteCount % 2 != 0) {
            return problem(fc, "byte count " + byteCount + " is odd");
        }
        if (byteCount < 2 || byteCount > 2 * RequestPdu.MAX_READ_REGISTERS) {
            return problem(fc, "byte count " + byteCount + " is outside 2..250");
        }
        if (requestKnown(t)) {
            int quantity = fc == 23 ? t.readQuantity : t.quantity;
            if (byteCount != 2 * quantity) {
                return problem(fc, "byte count " + byteCount + " does not match "
                        + (fc == 23 ? "read quantity " : "quantity ") + quantity
                        + " of the request (expected " + 2 * quantity + ")");
            }
        }
        t.startResponseValues();
        for (int i = off + 2; i < off + len; i += 2) {
            t.addResponseValue(u16(b, i));
        }
        return null;
    }

    private static String byteCount(byte[] b, int off, int len, int fc) {
        if (len < 2) {
            return problem(fc, "PDU length " + len + " is shorter than the byte count");
        }
        int byteCount = u8(b, off + 1);
        if (byteCount != len - 2) {
            return problem(fc, "byte count " + byteCount + " does not match the " + (len - 2) + " bytes that follow");
        }
        return null;
    }

    private static String writeSingleCoil(byte[] b, int off, int len, Transaction t) {
        if (len != 5) {
            return problem(5, "PDU length " + len + " is not 5");
        }
        if (t.address == ABSENT) {
            t.address = u16(b, off + 1);
            t.quantity = 1;
        }
        int value = u16(b, off + 3);
        if (value != RequestPdu.COIL_ON && value != RequestPdu.COIL_OFF) {
            return problem(5, "output value 0x" + Integer.toHexString(value) + " is neither 0xff00 nor 0x0000");
        }
        t.startResponseValues();
        t.addResponseValue(value == RequestPdu.COIL_ON ? 1 : 0);
        return null;
    }

    private static String writeSingleRegister(byte[] b, int off, int len, Transaction t) {
        if (len != 5) {
            return problem(6, "PDU length " + len + " is not 5");
        }
        if (t.address == ABSENT) {
            t.address = u16(b, off + 1);
            t.quantity = 1;
        }
        t.startResponseValues();
        t.addResponseValue(u16(b, off + 3));
        return null;
    }

    private static String diagnostics(byte[] b, int off, int len, Transaction t) {
        if (len < 3) {
            return problem(8, "PDU length " + len + " is shorter than the sub-function code");
        }
        int subfunction = u16(b, off + 1);
        if (t.subfunctionCode == ABSENT) {
            t.subfunctionCode = subfunction;
        }
        if ((len - 3) % 2 != 0) {
            return problem(8, "data length " + (len - 3) + " is not a whole number of 2-byte words");
        }
        t.startResponseValues();
        for (int i = off + 3; i < off + len; i += 2) {
            t.addResponseValue(u16(b, i));
        }
        return null;
    }

    /** Byte count (6 + N), status, event count, message count, then N event bytes (N at most 64). */
    private static String commEventLog(byte[] b, int off, int len, Transaction t) {
        String byteCountProblem = byteCount(b, off, len, 12);
        if (byteCountProblem != null) {
            return byteCountProblem;
        }
        int byteCount = u8(b, off + 1);
        if (byteCount < 6 || byteCount > 6 + MAX_COMM_EVENTS) {
            return problem(12, "byte count " + byteCount + " is outside 6..70");
        }
        t.status = u16(b, off + 2);
        t.eventCount = u16(b, off + 4);
        t.startResponseValues();
        for (int i = off + 8; i < off + len; i++) {
            t.addResponseValue(u8(b, i));
        }
        return null;
    }

    private static String writeMultipleEcho(byte[] b, int off, int len, Transaction t) {
        int fc = u8(b, off);
        if (len != 5) {
            return problem(fc, "PDU length " + len + " is not 5");
        }
        if (t.address == ABSENT) {
            t.address = u16(b, off + 1);
            t.quantity = u16(b, off + 3);
        }
        return null;
    }

    /**
     * Byte count, then the device-specific server id, the run indicator status (0x00 off, 0xff on) and additional
     * data. The server id's length is device specific, so a passive decoder cannot always tell where it ends: a
     * second byte of 0x00/0xff is read as the run indicator after a one-byte id (the common layout); otherwise a last
     * byte of 0x00/0xff is read as the run indicator after an id that fills the rest; otherwise the whole data is
     * reported as the server id with no run indicator.
     */
    private static String reportServerId(byte[] b, int off, int len, Transaction t) {
        String byteCountProblem = byteCount(b, off, len, 17);
        if (byteCountProblem != null) {
            return byteCountProblem;
        }
        int byteCount = u8(b, off + 1);
        if (byteCount == 0) {
            return problem(17, "byte count 0 carries no server id");
        }
        int data = off + 2;
        int idLength = byteCount;
        int runIndicator = -1;
        if (byteCount >= 2 && isRunIndicator(u8(b, data + 1))) {
            idLength = 1;
            runIndicator = u8(b, data + 1);
        } else if (byteCount >= 2 && isRunIndicator(u8(b, data + byteCount - 1))) {
            idLength = byteCount - 1;
            runIndicator = u8(b, data + byteCount - 1);
        }
        t.serverId = hex(b, data, idLength);
        if (runIndicator >= 0) {
            t.runIndicator = (byte) (runIndicator == 0xFF ? 1 : 0);
        }
        return null;
    }

    private static boolean isRunIndicator(int value) {
        return value == 0x00 || value == 0xFF;
    }

    /** Byte count (2 bytes) = 2 + 2 x FIFO count, FIFO count (at most 31), then the queued register values. */
    private static String fifoQueue(byte[] b, int off, int len, Transaction t) {
        if (len < 5) {
            return problem(24, "PDU length " + len + " is shorter than the byte count and FIFO count");
        }
        int byteCount = u16(b, off + 1);
        t.fifoCount = u16(b, off + 3);
        if (byteCount != len - 3) {
            return problem(24, "byte count " + byteCount + " does not match the " + (len - 3) + " bytes that follow");
        }
        if (t.fifoCount > MAX_FIFO_COUNT) {
            return problem(24, "FIFO count " + t.fifoCount + " is outside 0..31");
        }
        if (byteCount != 2 + 2 * t.fifoCount) {
            return problem(24, "byte count " + byteCount + " does not match FIFO count " + t.fifoCount
                    + " (expected " + (2 + 2 * t.fifoCount) + ")");
        }
        t.startResponseValues();
        for (int i = off + 5; i < off + len; i += 2) {
            t.addResponseValue(u16(b, i));
        }
        return null;
    }

    private static String encapsulatedInterface(byte[] b, int off, int len, Transaction t) {
        if (len < 2) {
            return problem(43, "PDU length " + len + " is shorter than the MEI type");
        }
        int meiType = u8(b, off + 1);
        if (t.meiType == ABSENT) {
            t.meiType = meiType;
        } else if (t.meiType != meiType) {
            return ModbusFunction.of(43, t.meiType).action() + " response: MEI type " + meiType
                    + " does not answer MEI type " + t.meiType + " of the request";
        }
        return meiType == ModbusFunction.MEI_READ_DEVICE_IDENTIFICATION ? deviceIdentification(b, off, len, t) : null;
    }

    /**
     * MEI 14: read device id code, conformity level, more follows, next object id, number of objects, then each
     * object as id, length and ASCII value.
     */
    private static String deviceIdentification(byte[] b, int off, int len, Transaction t) {
        if (len < 7) {
            return "read_device_identification response: PDU length " + len + " is shorter than the 7-byte header";
        }
        int readDeviceIdCode = u8(b, off + 2);
        if (t.readDeviceIdCode == ABSENT) {
            t.readDeviceIdCode = readDeviceIdCode;
        }
        t.conformityLevel = u8(b, off + 3);
        int moreFollows = u8(b, off + 4);
        int nextObjectId = u8(b, off + 5);
        int objects = u8(b, off + 6);
        if (readDeviceIdCode < 1 || readDeviceIdCode > 4) {
            return "read_device_identification response: read device id code " + readDeviceIdCode
                    + " is outside 1..4";
        }
        int level = t.conformityLevel;
        if (!(level >= 0x01 && level <= 0x03 || level >= 0x81 && level <= 0x83)) {
            return "read_device_identification response: conformity level 0x" + Integer.toHexString(t.conformityLevel)
                    + " is not one of 0x01-0x03, 0x81-0x83";
        }
        if (moreFollows != 0x00 && moreFollows != 0xFF) {
            return "read_device_identification response: more follows 0x" + Integer.toHexString(moreFollows)
                    + " is neither 0x00 nor 0xff";
        }
        t.moreFollows = (byte) (moreFollows == 0xFF ? 1 : 0);
        if (moreFollows == 0x00 && nextObjectId != 0) {
            return "read_device_identification response: next object id " + nextObjectId
                    + " is not 0 although no more objects follow";
        }
        int p = off + 7;
        int end = off + len;
        for (int i = 0; i < objects; i++) {
            if (end - p < 2) {
                return "read_device_identification response: object " + i + " of " + objects
                        + " is cut short at the end of the PDU";
            }
            int objectId = u8(b, p);
            int length = u8(b, p + 1);
            if (length > end - p - 2) {
                return "read_device_identification response: object 0x" + Integer.toHexString(objectId)
                        + " length " + length + " exceeds the " + (end - p - 2) + " bytes left";
            }
            t.putDeviceObject(objectId, text(b, p + 2, length));
            p += 2 + length;
        }
        if (p != end) {
            return "read_device_identification response: " + (end - p) + " bytes follow the " + objects
                    + " objects announced";
        }
        return null;
    }

    /** ASCII object value; trailing NUL padding, which some devices send, is dropped. */
    private static String text(byte[] b, int from, int length) {
        int end = from + length;
        while (end > from && b[end - 1] == 0) {
            end--;
        }
        return new String(b, from, end - from, StandardCharsets.ISO_8859_1);
    }

    static String hex(byte[] b, int from, int length) {
        char[] out = new char[2 * length];
        for (int i = 0; i < length; i++) {
            int v = b[from + i] & 0xFF;
            out[2 * i] = HEX[v >>> 4];
            out[2 * i + 1] = HEX[v & 0xF];
        }
        return new String(out);
    }

    private static String problem(int functionCode, String what) {
        return ModbusFunction.of(functionCode, -1).action() + " response: " + what;
    }
}
