package io.otsoc.collector.protocol.snmp;

/**
 * A bounded reader of the BER subset SNMP uses (X.690): single-byte tags, definite lengths (short form or long form
 * of at most 4 bytes), each length checked against what is left of its enclosing element before it is trusted,
 * constructed elements nested at most {@link #MAX_DEPTH} deep, integers of at most 64 bits and object identifiers of
 * at most {@link #MAX_OID_ARCS} arcs. Reads within {@code [pos, end)} of one datagram and never outside it; every
 * problem is a {@link BerException} whose message names the element and the offset in the datagram.
 */
final class BerReader {

    static final int MAX_DEPTH = 8;
    static final int MAX_OID_ARCS = 128;

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    private final byte[] buf;
    private final int base;
    private final int end;
    private final int depth;
    private int pos;

    // the element header read last by header()
    private int tag;
    private int contentStart;
    private int contentLength;

    private BerReader(byte[] buf, int base, int pos, int end, int depth) {
        this.buf = buf;
        this.base = base;
        this.pos = pos;
        this.end = end;
        this.depth = depth;
    }

    /** A reader over {@code length} bytes of {@code buf} from {@code offset}; offsets in messages count from there. */
    static BerReader of(byte[] buf, int offset, int length) {
        return new BerReader(buf, offset, offset, offset + length, 0);
    }

    boolean hasMore() {
        return pos < end;
    }

    int remaining() {
        return end - pos;
    }

    /** Offset of the next element, from the start of the datagram. */
    int offset() {
        return pos - base;
    }

    /** The tag of the next element without consuming it, or -1 at the end. */
    int peekTag() {
        return pos < end ? buf[pos] & 0xFF : -1;
    }

    /** Reads the next element's tag and length; leaves {@code pos} at its contents. */
    private void header(String what) throws BerException {
        int at = pos;
        if (pos >= end) {
            throw new BerException(what + " missing at offset " + (at - base) + ": its enclosing element ends there");
        }
        tag = buf[pos++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw new BerException(what + " at offset " + (at - base) + " has a multi-byte tag, which SNMP does not use");
        }
        if (pos >= end) {
            throw new BerException(what + " at offset " + (at - base) + " is cut short before its length");
        }
        int first = buf[pos++] & 0xFF;
        long length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x80) {
            throw new BerException(what + " at offset " + (at - base) + " has an indefinite length, which BER for SNMP forbids");
        } else {
            int n = first & 0x7F;
            if (n > 4) {
                throw new BerException(what + " at offset " + (at - base) + " has a " + n + "-byte length field");
            }
            if (n > end - pos) {
                throw new BerException(what + " at offset " + (at - base) + " is cut short inside its " + n
                        + "-byte length field");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = length << 8 | (buf[pos++] & 0xFF);
            }
        }
        if (length > end - pos) {
            throw new BerException(what + " length " + length + " at offset " + (at - base) + " exceeds the "
                    + (end - pos) + " bytes left");
        }
        contentStart = pos;
        contentLength = (int) length;
    }

    private void expect(int expected, String what, int at) throws BerException {
        if (tag != expected) {
            throw new BerException(what + " at offset " + at + " has tag 0x" + hex(tag) + ", expected 0x" + hex(expected));
        }
    }

    /** Enters the constructed element with tag {@code expected}; this reader moves past it. */
    BerReader enter(int expected, String what) throws BerException {
        int at = offset();
        header(what);
        expect(expected, what, at);
        return enterCurrent(what, at);
    }

    /** Enters the next element whatever its tag (which {@link #lastTag()} then tells). */
    BerReader enterAny(String what) throws BerException {
        int at = offset();
        header(what);
        return enterCurrent(what, at);
    }

    private BerReader enterCurrent(String what, int at) throws BerException {
        if (depth + 1 > MAX_DEPTH) {
            throw new BerException(what + " at offset " + at + " is nested deeper than " + MAX_DEPTH + " levels");
        }
        pos = contentStart + contentLength;
        return new BerReader(buf, base, contentStart, contentStart + contentLength, depth + 1);
    }

    int lastTag() {
        return tag;
    }

    /** A signed INTEGER of at most 8 content bytes. */
    long integer(String what) throws BerException {
        return integer(INTEGER, what);
    }

    long integer(int expected, String what) throws BerException {
        int at = offset();
        header(what);
        expect(expected, what, at);
        return signedContent(what, at);
    }

    private long signedContent(String what, int at) throws BerException {
        pos = contentStart + contentLength;
        if (contentLength == 0) {
            throw new BerException(what + " at offset " + at + " is an integer without content bytes");
        }
        if (contentLength > 8) {
            throw new BerException(what + " at offset " + at + " is an integer of " + contentLength
                    + " bytes, more than 64 bits");
        }
        long v = buf[contentStart]; // sign-extended
        for (int i = 1; i < contentLength; i++) {
            v = v << 8 | (buf[contentStart + i] & 0xFF);
        }
        return v;
    }

    /**
     * An INTEGER whose range is non-negative (RFC 3412/3414: msgID, msgMaxSize, engine boots and time are
     * 0..2147483647) read as unsigned: some agents drop the leading zero byte BER needs for a high first bit (221 sent
     * as the single byte 0xdd), and the range leaves no doubt about the value meant. At most 8 content bytes, or 9
     * with a leading zero.
     */
    long unsignedInteger(String what) throws BerException {
        int at = offset();
        header(what);
        expect(INTEGER, what, at);
        pos = contentStart + contentLength;
        if (contentLength == 0) {
            throw new BerException(what + " at offset " + at + " is an integer without content bytes");
        }
        if (contentLength > 9 || contentLength == 9 && buf[contentStart] != 0) {
            throw new BerException(what + " at offset " + at + " is an integer of " + contentLength
                    + " bytes, more than 64 bits");
        }
        long v = 0;
        for (int i = 0; i < contentLength; i++) {
            v = v << 8 | (buf[contentStart + i] & 0xFF);
        }
        return v;
    }

    /** Skips the next element, whatever it is, and returns its tag. */
    int skip(String what) throws BerException {
        header(what);
        pos = contentStart + contentLength;
        return tag;
    }

    /** Reads the next element whatever its tag: {@link #lastTag()}, {@link #contentStart()}, {@link #contentLength()}. */
    void any(String what) throws BerException {
        header(what);
        pos = contentStart + contentLength;
    }

    int contentStart() {
        return contentStart;
    }

    int contentLength() {
        return contentLength;
    }

    byte[] buffer() {
        return buf;
    }

    /** The contents of an OCTET STRING (a copy). */
    byte[] octets(String what) throws BerException {
        int at = offset();
        header(what);
        expect(OCTET_STRING, what, at);
        pos = contentStart + contentLength;
        byte[] out = new byte[contentLength];
        System.arraycopy(buf, contentStart, out, 0, contentLength);
        return out;
    }

    /** An OBJECT IDENTIFIER as dotted text. */
    String oid(String what) throws BerException {
        int at = offset();
        header(what);
        expect(OID, what, at);
        pos = contentStart + contentLength;
        return oidText(buf, contentStart, contentLength, what + " at offset " + at);
    }

    /** Dotted text of OBJECT IDENTIFIER contents; the first subidentifier holds the first two arcs (X.690 8.19.4). */
    static String oidText(byte[] b, int off, int len, String where) throws BerException {
        if (len == 0) {
            throw new BerException(where + " is an object identifier without content bytes");
        }
        StringBuilder sb = new StringBuilder(len * 3);
        int arcs = 0;
        long value = 0;
        int digits = 0;
        for (int i = off; i < off + len; i++) {
            int octet = b[i] & 0xFF;
            if (digits == 0 && octet == 0x80) {
                throw new BerException(where + ": object identifier subidentifier starts with padding 0x80");
            }
            if (++digits > 9) {
                throw new BerException(where + ": object identifier arc longer than 63 bits");
            }
            value = value << 7 | (octet & 0x7F);
            if ((octet & 0x80) != 0) {
                continue;
            }
            if (arcs == 0) {
                int first = value < 40 ? 0 : value < 80 ? 1 : 2;
                sb.append(first).append('.').append(value - 40L * first);
                arcs = 2;
            } else {
                if (++arcs > MAX_OID_ARCS) {
                    throw new BerException(where + ": object identifier of more than " + MAX_OID_ARCS + " arcs");
                }
                sb.append('.').append(value);
            }
            value = 0;
            digits = 0;
        }
        if (digits != 0) {
            throw new BerException(where + ": object identifier ends inside a subidentifier");
        }
        return sb.toString();
    }

    static String hex(int b) {
        return String.format("%02x", b);
    }
}
