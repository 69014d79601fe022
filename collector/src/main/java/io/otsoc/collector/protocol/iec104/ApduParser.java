package io.otsoc.collector.protocol.iec104;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one framed APDU (start octet and length already checked): the control field by format, then the ASDU
 * with every information object the APDU length holds. Never throws; a structural problem is named in
 * {@link Apdu#problem()} or {@link Asdu#problem()} with what could be read.
 */
final class ApduParser {

    private ApduParser() {
    }

    /** The APDU of {@code 2 + length} octets at {@code off}; {@code b} must hold all of them. */
    static Apdu parse(byte[] b, int off) {
        int length = b[off + 1] & 0xFF;
        int c1 = b[off + 2] & 0xFF;
        int c2 = b[off + 3] & 0xFF;
        int c3 = b[off + 4] & 0xFF;
        int c4 = b[off + 5] & 0xFF;
        if ((c1 & 1) == 0) {
            int ns = (c1 | c2 << 8) >>> 1;
            int nr = (c3 | c4 << 8) >>> 1;
            if ((c3 & 1) != 0) {
                return new Apdu('I', length, ns, nr, null, null,
                        "I-format control octet 3 (0x" + hex(c3) + ") has its reserved bit 0 set");
            }
            if (length == Apdu.MIN_LENGTH) {
                return new Apdu('I', length, ns, nr, null, null, "I-format APDU of length 4 carries no ASDU");
            }
            return new Apdu('I', length, ns, nr, null, parseAsdu(b, off + 6, length - 4), null);
        }
        if ((c1 & 3) == 1) {
            int nr = (c3 | c4 << 8) >>> 1;
            String problem = null;
            if (c1 != 0x01 || c2 != 0 || (c3 & 1) != 0) {
                problem = "S-format control field " + hex(c1) + " " + hex(c2) + " " + hex(c3) + " " + hex(c4)
                        + " is not 01 00 with bit 0 of octet 3 clear";
            } else if (length != Apdu.MIN_LENGTH) {
                problem = "S-format APDU length " + length + " is not 4";
            }
            return new Apdu('S', length, -1, nr, null, null, problem);
        }
        UFunction f = UFunction.of(c1);
        String problem = null;
        if (f == null || c2 != 0 || c3 != 0 || c4 != 0) {
            problem = "U-format control field " + hex(c1) + " " + hex(c2) + " " + hex(c3) + " " + hex(c4)
                    + " sets not exactly one of STARTDT, STOPDT, TESTFR act/con";
        } else if (length != Apdu.MIN_LENGTH) {
            problem = "U-format APDU length " + length + " is not 4";
        }
        return new Apdu('U', length, -1, -1, f, null, problem);
    }

    /** The ASDU of {@code n} octets at {@code off}. */
    static Asdu parseAsdu(byte[] b, int off, int n) {
        List<InformationObject> objects = new ArrayList<>();
        if (n < Asdu.HEADER) {
            int typeId = b[off] & 0xFF;
            int vsq = n > 1 ? b[off + 1] & 0xFF : 0;
            return new Asdu(typeId, AsduType.of(typeId), (vsq & 0x80) != 0, n > 1 ? vsq & 0x7F : -1,
                    n > 2 ? b[off + 2] & 0x3F : -1, n > 2 && (b[off + 2] & 0x40) != 0, n > 2 && (b[off + 2] & 0x80) != 0,
                    n > 3 ? b[off + 3] & 0xFF : -1, -1, objects, -1,
                    "ASDU of " + n + " octets is shorter than its 6-octet header");
        }
        int typeId = b[off] & 0xFF;
        AsduType type = AsduType.of(typeId);
        boolean sq = (b[off + 1] & 0x80) != 0;
        int count = b[off + 1] & 0x7F;
        int cot = b[off + 2] & 0x3F;
        boolean negative = (b[off + 2] & 0x40) != 0;
        boolean test = (b[off + 2] & 0x80) != 0;
        int originator = b[off + 3] & 0xFF;
        int ca = (b[off + 4] & 0xFF) | (b[off + 5] & 0xFF) << 8;
        if (type == null) {
            return new Asdu(typeId, null, sq, count, cot, negative, test, originator, ca, objects, -1, null);
        }
        int end = off + n;
        int p = off + Asdu.HEADER;
        int base = 0;
        String problem = null;
        if (sq && count > 0) {
            if (p + Asdu.IOA_SIZE > end) {
                problem = shortText(type, n, count, sq);
            } else {
                base = u24(b, p);
                p += Asdu.IOA_SIZE;
            }
        }
        for (int i = 0; i < count && problem == null; i++) {
            int address;
            if (sq) {
                address = (base + i) & 0xFFFFFF;
            } else {
                if (p + Asdu.IOA_SIZE > end) {
                    problem = shortText(type, n, count, sq);
                    break;
                }
                address = u24(b, p);
                p += Asdu.IOA_SIZE;
            }
            int size = type.elementSize;
            if (type.element == AsduType.Element.SEGMENT && p + size <= end) {
                size += b[p + 3] & 0xFF;
            }
            if (p + size > end) {
                problem = shortText(type, n, count, sq);
                break;
            }
            objects.add(Elements.read(type, b, p, size, address));
            p += size;
        }
        int trailing = -1;
        if (problem == null && p < end) {
            trailing = p - off;
            problem = "ASDU of " + n + " octets has " + (end - p) + " octets after its " + count + " " + type.name()
                    + " objects (" + (p - off) + " octets)";
        }
        return new Asdu(typeId, type, sq, count, cot, negative, test, originator, ca, objects, trailing, problem);
    }

    private static String shortText(AsduType type, int n, int count, boolean sq) {
        int size = type.elementSize;
        int expected = Asdu.HEADER + (count == 0 ? 0 : sq ? Asdu.IOA_SIZE + count * size : count * (Asdu.IOA_SIZE + size));
        return "ASDU of " + n + " octets is shorter than the " + expected + " of " + count + " " + type.name()
                + " objects (" + (sq ? "one 3-octet address and " : "3-octet address and ") + size
                + "-octet element each)";
    }

    static int u24(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16;
    }

    static String hex(int v) {
        return String.format("%02x", v);
    }
}
