package io.otsoc.collector.protocol.bacnet;

/**
 * Walks the tagged encoding of BACnet service parameters (ANSI/ASHRAE 135 clause 20.2.1): each tag says its
 * number, whether it is an application or a context tag, and its length (or opening/closing for constructed
 * context data). Every length is checked against the end of the APDU before it is trusted; a tag that does not
 * fit stops the reader with {@link #error()} saying where.
 */
final class TagReader {

    /** Application tag numbers (clause 20.2.1.4). */
    static final int NULL = 0;
    static final int BOOLEAN = 1;
    static final int UNSIGNED = 2;
    static final int SIGNED = 3;
    static final int REAL = 4;
    static final int DOUBLE = 5;
    static final int OCTET_STRING = 6;
    static final int CHARACTER_STRING = 7;
    static final int BIT_STRING = 8;
    static final int ENUMERATED = 9;
    static final int DATE = 10;
    static final int TIME = 11;
    static final int OBJECT_IDENTIFIER = 12;

    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;

    // the current tag
    private int number;
    private boolean context;
    private boolean opening;
    private boolean closing;
    private long length;
    private int valueOffset;
    /** The LVT field of the current tag (an application boolean's value). */
    private int lvtValue;
    private String error;

    TagReader(byte[] buf, int offset, int end) {
        this.buf = buf;
        this.start = offset;
        this.pos = offset;
        this.end = end;
    }

    boolean hasMore() {
        return error == null && pos < end;
    }

    /** Why the last {@link #next()} failed, or null. */
    String error() {
        return error;
    }

    int position() {
        return pos;
    }

    /** Reads the next tag and steps over its content (not into constructed data); false at the end or on error. */
    boolean next() {
        if (error != null || pos >= end) {
            return false;
        }
        int at = pos;
        int b = buf[pos++] & 0xFF;
        number = b >>> 4;
        context = (b & 0x08) != 0;
        int lvt = b & 0x07;
        if (number == 15) {
            if (pos >= end) {
                return fail("extended tag number cut short at byte " + (at - start));
            }
            number = buf[pos++] & 0xFF;
        }
        opening = context && lvt == 6;
        closing = context && lvt == 7;
        if (opening || closing) {
            length = 0;
            valueOffset = pos;
            return true;
        }
        if (!context && number == BOOLEAN) {
            length = 0; // the value is in the LVT field
            valueOffset = pos;
            this.lvtValue = lvt;
            return true;
        }
        if (lvt == 5) {
            if (pos >= end) {
                return fail("extended length cut short at byte " + (at - start));
            }
            int ext = buf[pos++] & 0xFF;
            if (ext == 254) {
                if (end - pos < 2) {
                    return fail("2-byte extended length cut short at byte " + (at - start));
                }
                length = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
                pos += 2;
            } else if (ext == 255) {
                if (end - pos < 4) {
                    return fail("4-byte extended length cut short at byte " + (at - start));
                }
                length = readUnsigned(pos, 4);
                pos += 4;
            } else {
                length = ext;
            }
        } else {
            length = lvt;
        }
        this.lvtValue = lvt;
        if (length > end - pos) {
            return fail("tag " + number + " at byte " + (at - start) + " claims " + length + " bytes but "
                    + (end - pos) + " remain");
        }
        valueOffset = pos;
        pos += (int) length;
        return true;
    }

    private boolean fail(String reason) {
        error = reason;
        pos = end;
        return false;
    }

    int number() {
        return number;
    }

    boolean isContext() {
        return context;
    }

    boolean isContext(int n) {
        return context && !opening && !closing && number == n;
    }

    boolean isOpening(int n) {
        return opening && number == n;
    }

    boolean isClosing(int n) {
        return closing && number == n;
    }

    boolean isOpening() {
        return opening;
    }

    boolean isClosing() {
        return closing;
    }

    boolean isApplication(int n) {
        return !context && number == n;
    }

    int length() {
        return (int) length;
    }

    int valueOffset() {
        return valueOffset;
    }

    /** The boolean of an application BOOLEAN tag, or a context boolean's content octet. */
    boolean booleanValue() {
        if (!context) {
            return lvtValue != 0;
        }
        return length > 0 && buf[valueOffset] != 0;
    }

    /** An unsigned value of up to 8 octets (longer values keep their low 8 octets). */
    long unsignedValue() {
        int n = (int) Math.min(length, 8);
        return readUnsigned(valueOffset + (int) length - n, n);
    }

    long signedValue() {
        int n = (int) Math.min(length, 8);
        if (n == 0) {
            return 0;
        }
        long v = buf[valueOffset + (int) length - n];
        for (int i = 1; i < n; i++) {
            v = (v << 8) | (buf[valueOffset + (int) length - n + i] & 0xFF);
        }
        return v;
    }

    private long readUnsigned(int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (buf[at + i] & 0xFF);
        }
        return v;
    }

    /** Steps over constructed data up to and including the closing tag that matches the opening tag just read. */
    boolean skipConstructed() {
        int depth = 1;
        while (depth > 0) {
            if (!next()) {
                if (error == null) {
                    fail("opening tag without its closing tag");
                }
                return false;
            }
            if (opening) {
                depth++;
            } else if (closing) {
                depth--;
            }
        }
        return true;
    }

    /** The current primitive tag's value as text, ICSNPP- and Wireshark-like (see {@link BacnetValues}). */
    String text() {
        return BacnetValues.format(buf, this);
    }

    byte[] buffer() {
        return buf;
    }

    /** Moves back to a position returned by {@link #position()}, to read an optional tag again. */
    void seek(int mark) {
        if (error == null && mark >= start && mark <= end) {
            pos = mark;
        }
    }

    /** Records an error found by a caller (e.g. a missing required parameter) and stops the reader. */
    void reject(String reason) {
        fail(reason);
    }
}
