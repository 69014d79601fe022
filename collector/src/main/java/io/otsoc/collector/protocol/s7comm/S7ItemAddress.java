package io.otsoc.collector.protocol.s7comm;

/**
 * The variable specification of a read/write var item in S7ANY syntax (0x12, length 10, syntax id 0x10: transport
 * size, count, DB number, area, 24-bit bit address) as the Siemens address an engineer would type: {@code DB1.DBX10.0},
 * {@code M4.0}, {@code I0.3}, followed by the transport size and count, e.g. {@code DB1.DBX10.0 BYTE 4}.
 */
final class S7ItemAddress {

    /** Bytes of one S7ANY item: specification type, length, syntax id and the 9 bytes it announces. */
    static final int S7ANY_LENGTH = 12;

    private S7ItemAddress() {
    }

    /** The item at {@code p} (with {@code n} bytes left) as text, or null when it is not a complete S7ANY item. */
    static String read(byte[] b, int p, int n) {
        if (n < 2 || (b[p] & 0xFF) != 0x12) {
            return null;
        }
        int length = b[p + 1] & 0xFF;
        if (2 + length > n) {
            return null;
        }
        int syntax = length > 0 ? b[p + 2] & 0xFF : -1;
        if (syntax != 0x10 || length != 10) {
            return syntax == 0xB0 ? "DBREAD" : "syntax 0x" + Integer.toHexString(Math.max(syntax, 0));
        }
        int transportSize = b[p + 3] & 0xFF;
        int count = (b[p + 4] & 0xFF) << 8 | (b[p + 5] & 0xFF);
        int db = (b[p + 6] & 0xFF) << 8 | (b[p + 7] & 0xFF);
        int area = b[p + 8] & 0xFF;
        int address = (b[p + 9] & 0xFF) << 16 | (b[p + 10] & 0xFF) << 8 | (b[p + 11] & 0xFF);
        return location(area, db, address >>> 3, address & 7) + " " + transportSize(transportSize) + " " + count;
    }

    private static String location(int area, int db, int byteAddress, int bit) {
        String at = byteAddress + "." + bit;
        return switch (area) {
            case 0x80 -> "P" + at;
            case 0x81 -> "I" + at;
            case 0x82 -> "Q" + at;
            case 0x83 -> "M" + at;
            case 0x84 -> "DB" + db + ".DBX" + at;
            case 0x85 -> "DI" + db + ".DIX" + at;
            case 0x86 -> "L" + at;
            case 0x87 -> "V" + at;
            case 0x1C -> "C" + byteAddress;
            case 0x1D -> "T" + byteAddress;
            case 0x03 -> "SYS" + at;
            default -> "area0x" + Integer.toHexString(area) + " " + at;
        };
    }

    private static String transportSize(int code) {
        return switch (code) {
            case 0x01 -> "BIT";
            case 0x02 -> "BYTE";
            case 0x03 -> "CHAR";
            case 0x04 -> "WORD";
            case 0x05 -> "INT";
            case 0x06 -> "DWORD";
            case 0x07 -> "DINT";
            case 0x08 -> "REAL";
            case 0x09 -> "DATE";
            case 0x0A -> "TOD";
            case 0x0B -> "TIME";
            case 0x0C -> "S5TIME";
            case 0x0F -> "DATE_AND_TIME";
            case 0x1C -> "COUNTER";
            case 0x1D -> "TIMER";
            default -> "size0x" + Integer.toHexString(code);
        };
    }
}
