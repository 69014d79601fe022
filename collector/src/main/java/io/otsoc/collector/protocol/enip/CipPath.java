package io.otsoc.collector.protocol.enip;

/**
 * What a padded EPATH (CIP Vol. 1, appendix C) addresses: the last class, instance, attribute, member and
 * connection point of its logical segments, the symbolic tag name its ANSI extended symbol (and symbolic)
 * segments spell, with member segments after a symbol written as array indices, and the first port segment
 * (route paths). {@link #ABSENT} marks what the path does not carry.
 */
public record CipPath(long classId, long instanceId, long attributeId, long memberId, long connectionPoint,
                      String tag, int port, long link, String problem) {

    public static final long ABSENT = -1;
    static final CipPath EMPTY = new CipPath(ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, null, -1, ABSENT, null);
    /** Longest tag name kept. */
    static final int MAX_TAG = 256;

    boolean symbolic() {
        return tag != null;
    }

    /** The path of {@code len} bytes at {@code off}; never throws, a bad segment ends the walk with a problem. */
    static CipPath parse(byte[] b, int off, int len) {
        long cls = ABSENT;
        long inst = ABSENT;
        long attr = ABSENT;
        long member = ABSENT;
        long point = ABSENT;
        int port = -1;
        long link = ABSENT;
        StringBuilder tag = null;
        int p = off;
        int end = off + len;
        String problem = null;
        while (p < end && problem == null) {
            int seg = b[p] & 0xFF;
            int type = seg >> 5;
            if (type == 0) { // port segment
                int portId = seg & 0x0F;
                boolean extendedLink = (seg & 0x10) != 0;
                int q = p + 1;
                int linkSize = 1;
                if (extendedLink) {
                    if (q >= end) {
                        problem = "port segment ends before its link address size";
                        break;
                    }
                    linkSize = b[q++] & 0xFF;
                }
                if (portId == 15) {
                    if (q + 2 > end) {
                        problem = "port segment ends before its extended port";
                        break;
                    }
                    portId = Le.u16(b, q);
                    q += 2;
                }
                if (q + linkSize > end) {
                    problem = "port segment link address of " + linkSize + " bytes exceeds the path";
                    break;
                }
                if (port < 0) {
                    port = portId;
                    link = linkSize == 1 ? b[q] & 0xFF : linkSize == 0 ? ABSENT : -2;
                }
                q += linkSize;
                if (((q - p) & 1) != 0) {
                    q++;
                }
                p = q;
            } else if (type == 1) { // logical segment
                int logical = (seg >> 2) & 7;
                int format = seg & 3;
                long value;
                int q;
                if (logical == 5) { // special: electronic key (format 0) = key format byte + 8 bytes
                    if (format != 0 || p + 10 > end) {
                        problem = "electronic key segment 0x" + Integer.toHexString(seg) + " is invalid or truncated";
                        break;
                    }
                    p += 10;
                    continue;
                }
                if (format == 0) {
                    if (p + 2 > end) {
                        problem = "8-bit logical segment ends the path";
                        break;
                    }
                    value = b[p + 1] & 0xFF;
                    q = p + 2;
                } else if (format == 1) {
                    if (p + 4 > end) {
                        problem = "16-bit logical segment exceeds the path";
                        break;
                    }
                    value = Le.u16(b, p + 2);
                    q = p + 4;
                } else if (format == 2) {
                    if (p + 6 > end) {
                        problem = "32-bit logical segment exceeds the path";
                        break;
                    }
                    value = Le.u32(b, p + 2);
                    q = p + 6;
                } else {
                    problem = "logical segment 0x" + Integer.toHexString(seg) + " has the reserved format 3";
                    break;
                }
                switch (logical) {
                    case 0 -> cls = value;
                    case 1 -> inst = value;
                    case 2 -> {
                        member = value;
                        if (tag != null && tag.length() < MAX_TAG) {
                            tag.append('[').append(value).append(']');
                        }
                    }
                    case 3 -> point = value;
                    case 4 -> attr = value;
                    default -> { } // service id segment: not an address
                }
                p = q;
            } else if (type == 2) { // network segment
                if ((seg & 0x10) == 0) {
                    p += 2;
                } else {
                    if (p + 2 > end) {
                        problem = "network segment 0x" + Integer.toHexString(seg) + " ends before its size";
                        break;
                    }
                    p += 2 + 2 * (b[p + 1] & 0xFF);
                }
            } else if (type == 3) { // symbolic segment: ASCII of the low 5 bits' length
                int size = seg & 0x1F;
                if (size == 0 || p + 1 + size > end) {
                    problem = "symbolic segment of " + size + " characters is empty or exceeds the path";
                    break;
                }
                tag = appendSymbol(tag, b, p + 1, size);
                p += 1 + size + ((1 + size) & 1);
            } else if (type == 4) { // data segment
                if (p + 2 > end) {
                    problem = "data segment 0x" + Integer.toHexString(seg) + " ends before its size";
                    break;
                }
                int size = b[p + 1] & 0xFF;
                if (seg == 0x91) { // ANSI extended symbol
                    if (size == 0 || p + 2 + size > end) {
                        problem = "ANSI extended symbol of " + size + " characters is empty or exceeds the path";
                        break;
                    }
                    tag = appendSymbol(tag, b, p + 2, size);
                    p += 2 + size + (size & 1);
                } else if (seg == 0x80) { // simple data: size in words
                    p += 2 + 2 * size;
                } else {
                    problem = "data segment 0x" + Integer.toHexString(seg) + " is reserved";
                }
            } else {
                problem = "segment 0x" + Integer.toHexString(seg) + " is a data type or reserved segment";
            }
        }
        if (problem == null && p > end) {
            problem = "last segment exceeds the path by " + (p - end) + " bytes";
        }
        return new CipPath(cls, inst, attr, member, point, tag == null ? null : tag.toString(), port, link, problem);
    }

    private static StringBuilder appendSymbol(StringBuilder tag, byte[] b, int off, int len) {
        if (tag == null) {
            tag = new StringBuilder(len);
        } else if (tag.length() < MAX_TAG) {
            tag.append('.');
        }
        if (tag.length() + len <= MAX_TAG) {
            tag.append(Le.ascii(b, off, len));
        }
        return tag;
    }
}
