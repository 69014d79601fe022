package io.otsoc.collector.protocol.opcua;

import java.nio.charset.StandardCharsets;

/**
 * A little-endian cursor over OPC UA binary encoded data (OPC 10000-6, 5.2). Every read is checked against the
 * end: the first read past it clears {@link #ok()}, records where and what, and from then on every read returns
 * zero or null, so that a decoder reads a whole structure and checks once. Never throws.
 */
final class UaReader {

    /** Texts longer than this are cut (the reader still steps over the whole string). */
    static final int MAX_TEXT = 512;
    /** Nesting bound for DiagnosticInfo's inner diagnostic info. */
    static final int MAX_DEPTH = 8;

    private final byte[] b;
    private final int start;
    private final int end;
    private int p;
    private String failure;

    UaReader(byte[] b, int offset, int length) {
        this.b = b;
        this.start = offset;
        this.p = offset;
        this.end = offset + length;
    }

    boolean ok() {
        return failure == null;
    }

    /** What could not be read and where, or null. */
    String failure() {
        return failure;
    }

    int position() {
        return p - start;
    }

    int remaining() {
        return ok() ? end - p : 0;
    }

    private boolean need(int n, String what) {
        if (failure != null) {
            return false;
        }
        if (n < 0 || end - p < n) {
            failure = what + " needs " + n + " bytes at offset " + (p - start) + " but " + (end - p) + " remain";
            return false;
        }
        return true;
    }

    void fail(String why) {
        if (failure == null) {
            failure = why + " at offset " + (p - start);
        }
    }

    int u8(String what) {
        if (!need(1, what)) {
            return 0;
        }
        return b[p++] & 0xFF;
    }

    int u16(String what) {
        if (!need(2, what)) {
            return 0;
        }
        int v = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
        p += 2;
        return v;
    }

    long u32(String what) {
        return i32(what) & 0xFFFFFFFFL;
    }

    int i32(String what) {
        if (!need(4, what)) {
            return 0;
        }
        int v = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
        p += 4;
        return v;
    }

    long i64(String what) {
        long lo = u32(what);
        long hi = u32(what);
        return lo | hi << 32;
    }

    double dbl(String what) {
        return Double.longBitsToDouble(i64(what));
    }

    void skip(int n, String what) {
        if (need(n, what)) {
            p += n;
        }
    }

    /** A String (Int32 length, -1 for null, then UTF-8); null when null or unreadable. */
    String string(String what) {
        int n = i32(what + " length");
        if (!ok() || n == -1) {
            return null;
        }
        if (n < -1) {
            fail(what + " length " + n + " is negative");
            return null;
        }
        if (!need(n, what)) {
            return null;
        }
        String s = new String(b, p, Math.min(n, MAX_TEXT), StandardCharsets.UTF_8);
        p += n;
        return s;
    }

    /** A ByteString: its length (-1 for null), stepping over the bytes. */
    int byteString(String what) {
        int n = i32(what + " length");
        if (!ok() || n == -1) {
            return -1;
        }
        if (n < -1) {
            fail(what + " length " + n + " is negative");
            return -1;
        }
        skip(n, what);
        return n;
    }

    /** An array's length (Int32, -1 for null); a length that could not fit in what remains fails. */
    int arrayLength(String what, int minElementSize) {
        int n = i32(what + " count");
        if (!ok()) {
            return 0;
        }
        if (n < -1) {
            fail(what + " count " + n + " is negative");
            return 0;
        }
        if (n > 0 && (long) n * minElementSize > end - p) {
            fail(what + " count " + n + " exceeds the " + (end - p) + " bytes left");
            return 0;
        }
        return Math.max(n, 0);
    }

    void strings(String what) {
        int n = arrayLength(what, 4);
        for (int i = 0; i < n && ok(); i++) {
            string(what);
        }
    }

    /** A NodeId (5.2.2.9); returns it, or null when unreadable. */
    NodeId nodeId(String what) {
        int mask = u8(what + " encoding");
        if (!ok()) {
            return null;
        }
        int encoding = mask & 0x3F;
        switch (encoding) {
            case 0x00 -> {
                return NodeId.numeric(mask, 0, u8(what));
            }
            case 0x01 -> {
                int ns = u8(what);
                return NodeId.numeric(mask, ns, u16(what));
            }
            case 0x02 -> {
                int ns = u16(what);
                return NodeId.numeric(mask, ns, u32(what));
            }
            case 0x03 -> {
                int ns = u16(what);
                String s = string(what);
                return ok() ? NodeId.other(mask, ns, s) : null;
            }
            case 0x04 -> {
                int ns = u16(what);
                skip(16, what + " GUID");
                return ok() ? NodeId.other(mask, ns, null) : null;
            }
            case 0x05 -> {
                int ns = u16(what);
                byteString(what);
                return ok() ? NodeId.other(mask, ns, null) : null;
            }
            default -> {
                fail(what + " encoding 0x" + Integer.toHexString(mask) + " is not a NodeId encoding");
                return null;
            }
        }
    }

    /** An ExpandedNodeId: a NodeId whose mask may add a namespace URI (0x80) and a server index (0x40). */
    NodeId expandedNodeId(String what) {
        int at = p;
        int mask = ok() && p < end ? b[p] & 0xFF : 0;
        NodeId id = nodeId(what);
        if ((mask & 0x80) != 0) {
            string(what + " namespace URI");
        }
        if ((mask & 0x40) != 0) {
            u32(what + " server index");
        }
        return ok() && at >= 0 ? id : null;
    }

    /** An ExtensionObject: its type NodeId, stepping over the body. */
    NodeId extensionObject(String what) {
        NodeId type = nodeId(what + " type");
        int encoding = u8(what + " encoding");
        if (encoding == 1 || encoding == 2) {
            byteString(what + " body");
        } else if (encoding != 0 && ok()) {
            fail(what + " encoding " + encoding + " is not 0, 1 or 2");
        }
        return type;
    }

    /** A LocalizedText (mask, locale, text); returns the text. */
    String localizedText(String what) {
        int mask = u8(what);
        if ((mask & 0x01) != 0) {
            string(what + " locale");
        }
        return (mask & 0x02) != 0 ? string(what + " text") : null;
    }

    /** A DiagnosticInfo (5.2.2.12), stepping over it. */
    void diagnosticInfo(String what, int depth) {
        int mask = u8(what);
        if ((mask & 0x01) != 0) {
            i32(what);
        }
        if ((mask & 0x02) != 0) {
            i32(what);
        }
        if ((mask & 0x08) != 0) {
            i32(what);
        }
        if ((mask & 0x04) != 0) {
            i32(what);
        }
        if ((mask & 0x10) != 0) {
            string(what);
        }
        if ((mask & 0x20) != 0) {
            u32(what);
        }
        if ((mask & 0x40) != 0 && ok()) {
            if (depth >= MAX_DEPTH) {
                fail(what + " nests deeper than " + MAX_DEPTH);
                return;
            }
            diagnosticInfo(what, depth + 1);
        }
    }
}
