package io.otsoc.collector.protocol.modbus;

import static io.otsoc.collector.protocol.modbus.BigEndian.u16;
import static io.otsoc.collector.protocol.modbus.BigEndian.u8;

/**
 * Decodes a request PDU (function code and data) into a {@link Transaction}, checking every length, count and
 * quantity against the PDU length and the limits of Modbus Application Protocol Specification V1.1b3, section 6.
 * Returns null when the request is well formed, otherwise a one-line reason that names the field; the fields read
 * before the problem stay in the transaction.
 */
final class RequestPdu {

    static final int MAX_READ_BITS = 2000;
    static final int MAX_READ_REGISTERS = 125;
    static final int MAX_WRITE_COILS = 1968;
    static final int MAX_WRITE_REGISTERS = 123;
    static final int MAX_READ_WRITE_WRITE_REGISTERS = 121;
    static final int COIL_ON = 0xFF00;
    static final int COIL_OFF = 0x0000;
    static final int FILE_REFERENCE_TYPE = 6;
    static final int MAX_RECORD_NUMBER = 0x270F;

    private RequestPdu() {
    }

    /** {@code b[off]} is the function code; {@code len} is the PDU length (at least 1). */
    static String decode(byte[] b, int off, int len, Transaction t) {
        int fc = u8(b, off);
        switch (fc) {
            case 1, 2:
                return readRange(b, off, len, t, MAX_READ_BITS);
            case 3, 4:
                return readRange(b, off, len, t, MAX_READ_REGISTERS);
            case 5:
                return writeSingleCoil(b, off, len, t);
            case 6:
                return writeSingleRegister(b, off, len, t);
            case 7, 11, 12, 17:
                return len == 1 ? null : problem(fc, "PDU length " + len + " is not 1 (the request has no data)");
            case 8:
                return diagnostics(b, off, len, t);
            case 15:
                return writeMultipleCoils(b, off, len, t);
            case 16:
                return writeMultipleRegisters(b, off, len, t);
            case 20:
                return readFileRecord(b, off, len, t);
            case 21:
                return FileRecords.decodeWrite(b, off, len, t, true);
            case 22:
                return maskWriteRegister(b, off, len, t);
            case 23:
                return readWriteMultipleRegisters(b, off, len, t);
            case 24:
                if (len != 3) {
                    return problem(fc, "PDU length " + len + " is not 3");
                }
                t.fifoPointerAddress = u16(b, off + 1);
                return null;
            case 43:
                return encapsulatedInterface(b, off, len, t);
            case 0:
                return "function code 0 is not a Modbus function";
            default:
                if (fc >= 0x80) {
                    return "request function code " + fc + " has the exception bit (0x80) set";
                }
                return null; // user-defined and unassigned codes: the data is not specified
        }
    }

    private static String readRange(byte[] b, int off, int len, Transaction t, int maxQuantity) {
        int fc = u8(b, off);
        if (len != 5) {
            return problem(fc, "PDU length " + len + " is not 5");
        }
        t.address = u16(b, off + 1);
        t.quantity = u16(b, off + 3);
        if (t.quantity < 1 || t.quantity > maxQuantity) {
            return problem(fc, "quantity " + t.quantity + " is outside 1.." + maxQuantity);
        }
        return null;
    }

    private static String writeSingleCoil(byte[] b, int off, int len, Transaction t) {
        if (len != 5) {
            return problem(5, "PDU length " + len + " is not 5");
        }
        t.address = u16(b, off + 1);
        t.quantity = 1;
        int value = u16(b, off + 3);
        if (value != COIL_ON && value != COIL_OFF) {
            return problem(5, "output value 0x" + Integer.toHexString(value) + " is neither 0xff00 nor 0x0000");
        }
        t.startRequestValues();
        t.addRequestValue(value == COIL_ON ? 1 : 0);
        return null;
    }

    private static String writeSingleRegister(byte[] b, int off, int len, Transaction t) {
        if (len != 5) {
            return problem(6, "PDU length " + len + " is not 5");
        }
        t.address = u16(b, off + 1);
        t.quantity = 1;
        t.startRequestValues();
        t.addRequestValue(u16(b, off + 3));
        return null;
    }

    static String diagnostics(byte[] b, int off, int len, Transaction t) {
        if (len < 3) {
            return problem(8, "PDU length " + len + " is shorter than the sub-function code");
        }
        t.subfunctionCode = u16(b, off + 1);
        if ((len - 3) % 2 != 0) {
            return problem(8, "data length " + (len - 3) + " is not a whole number of 2-byte words");
        }
        t.startRequestValues();
        for (int i = off + 3; i < off + len; i += 2) {
            t.addRequestValue(u16(b, i));
        }
        return null;
    }

    private static String writeMultipleCoils(byte[] b, int off, int len, Transaction t) {
        if (len < 6) {
            return problem(15, "PDU length " + len + " is shorter than the 6-byte header");
        }
        t.address = u16(b, off + 1);
        t.quantity = u16(b, off + 3);
        int byteCount = u8(b, off + 5);
        if (t.quantity < 1 || t.quantity > MAX_WRITE_COILS) {
            return problem(15, "quantity " + t.quantity + " is outside 1.." + MAX_WRITE_COILS);
        }
        if (byteCount != (t.quantity + 7) / 8) {
            return problem(15, "byte count " + byteCount + " does not match quantity " + t.quantity
                    + " (expected " + (t.quantity + 7) / 8 + ")");
        }
        if (byteCount != len - 6) {
            return problem(15, "byte count " + byteCount + " does not match the " + (len - 6) + " bytes that follow");
        }
        t.startRequestValues();
        addBits(b, off + 6, t.quantity, t, true);
        return null;
    }

    private static String writeMultipleRegisters(byte[] b, int off, int len, Transaction t) {
        if (len < 6) {
            return problem(16, "PDU length " + len + " is shorter than the 6-byte header");
        }
        t.address = u16(b, off + 1);
        t.quantity = u16(b, off + 3);
        int byteCount = u8(b, off + 5);
        if (t.quantity < 1 || t.quantity > MAX_WRITE_REGISTERS) {
            return problem(16, "quantity " + t.quantity + " is outside 1.." + MAX_WRITE_REGISTERS);
        }
        if (byteCount != 2 * t.quantity) {
            return problem(16, "byte count " + byteCount + " does not match quantity " + t.quantity
                    + " (expected " + 2 * t.quantity + ")");
        }
        if (byteCount != len - 6) {
            return problem(16, "byte count " + byteCount + " does not match the " + (len - 6) + " bytes that follow");
        }
        t.startRequestValues();
        for (int i = off + 6; i < off + len; i += 2) {
            t.addRequestValue(u16(b, i));
        }
        return null;
    }

    private static String readFileRecord(byte[] b, int off, int len, Transaction t) {
        if (len < 2) {
            return problem(20, "PDU length " + len + " is shorter than the byte count");
        }
        int byteCount = u8(b, off + 1);
        if (byteCount != len - 2) {
            return problem(20, "byte count " + byteCount + " does not match the " + (len - 2) + " bytes that follow");
        }
        if (byteCount % 7 != 0) {
            return problem(20, "byte count " + byteCount + " is not a whole number of 7-byte sub-requests");
        }
        t.subRequestCount = byteCount / 7; // known even when out of range: 0 for a byte count of 0
        if (byteCount < 0x07 || byteCount > 0xF5) {
            return problem(20, "byte count " + byteCount + " is outside 7..245");
        }
        for (int p = off + 2; p < off + len; p += 7) {
            int referenceType = u8(b, p);
            int fileNumber = u16(b, p + 1);
            int recordNumber = u16(b, p + 3);
            int recordLength = u16(b, p + 5);
            if (p == off + 2) {
                t.fileNumber = fileNumber;
                t.recordNumber = recordNumber;
                t.recordLength = recordLength;
            }
            int index = (p - off - 2) / 7;
            if (referenceType != FILE_REFERENCE_TYPE) {
                return problem(20, "sub-request " + index + " reference type " + referenceType + " is not 6");
            }
            if (fileNumber == 0) {
                return problem(20, "sub-request " + index + " file number 0 is outside 1..65535");
            }
            if (recordNumber > MAX_RECORD_NUMBER) {
                return problem(20, "sub-request " + index + " record number " + recordNumber + " is outside 0..9999");
            }
        }
        return null;
    }

    private static String maskWriteRegister(byte[] b, int off, int len, Transaction t) {
        if (len != 7) {
            return problem(22, "PDU length " + len + " is not 7");
        }
        t.address = u16(b, off + 1);
        t.andMask = u16(b, off + 3);
        t.orMask = u16(b, off + 5);
        return null;
    }

    private static String readWriteMultipleRegisters(byte[] b, int off, int len, Transaction t) {
        if (len < 10) {
            return problem(23, "PDU length " + len + " is shorter than the 10-byte header");
        }
        t.readAddress = u16(b, off + 1);
        t.readQuantity = u16(b, off + 3);
        t.writeAddress = u16(b, off + 5);
        t.writeQuantity = u16(b, off + 7);
        int byteCount = u8(b, off + 9);
        if (t.readQuantity < 1 || t.readQuantity > MAX_READ_REGISTERS) {
            return problem(23, "read quantity " + t.readQuantity + " is outside 1.." + MAX_READ_REGISTERS);
        }
        if (t.writeQuantity < 1 || t.writeQuantity > MAX_READ_WRITE_WRITE_REGISTERS) {
            return problem(23, "write quantity " + t.writeQuantity + " is outside 1.." + MAX_READ_WRITE_WRITE_REGISTERS);
        }
        if (byteCount != 2 * t.writeQuantity) {
            return problem(23, "write byte count " + byteCount + " does not match write quantity " + t.writeQuantity
                    + " (expected " + 2 * t.writeQuantity + ")");
        }
        if (byteCount != len - 10) {
            return problem(23, "write byte count " + byteCount + " does not match the " + (len - 10)
                    + " bytes that follow");
        }
        t.startRequestValues();
        for (int i = off + 10; i < off + len; i += 2) {
            t.addRequestValue(u16(b, i));
        }
        return null;
    }

    private static String encapsulatedInterface(byte[] b, int off, int len, Transaction t) {
        if (len < 2) {
            return problem(43, "PDU length " + len + " is shorter than the MEI type");
        }
        t.meiType = u8(b, off + 1);
        if (t.meiType != ModbusFunction.MEI_READ_DEVICE_IDENTIFICATION) {
            return null; // MEI 13 and others carry data the specification leaves to the MEI
        }
        if (len != 4) {
            return "read_device_identification request: PDU length " + len + " is not 4";
        }
        t.readDeviceIdCode = u8(b, off + 2);
        t.objectId = u8(b, off + 3);
        if (t.readDeviceIdCode < 1 || t.readDeviceIdCode > 4) {
            return "read_device_identification request: read device id code " + t.readDeviceIdCode
                    + " is outside 1..4";
        }
        return null;
    }

    /** Adds {@code count} bits, least significant bit of the first byte first, as 0/1 values. */
    static void addBits(byte[] b, int from, int count, Transaction t, boolean request) {
        int n = Math.min(count, ModbusDetail.MAX_VALUES);
        for (int i = 0; i < n; i++) {
            int bit = (b[from + (i >>> 3)] >>> (i & 7)) & 1;
            if (request) {
                t.addRequestValue(bit);
            } else {
                t.addResponseValue(bit);
            }
        }
    }

    static String problem(int functionCode, String what) {
        return ModbusFunction.of(functionCode, -1).action() + " request: " + what;
    }
}
