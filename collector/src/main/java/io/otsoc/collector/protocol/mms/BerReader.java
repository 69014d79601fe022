package io.otsoc.collector.protocol.mms;

/**
 * Walks the BER TLVs of one level, [start, end) of a buffer (ITU-T X.690): after {@link #next()} the current
 * element's tag (class, constructed bit and number folded into one int: the first octet's class and constructed
 * bits in bits 8-7 and 5, the tag number in the high bits from bit 8 up), and its content range. Definite lengths
 * only, at most 4 length octets, and every length checked against what is left: a TLV that does not fit ends the
 * walk with {@link #error()} set. Reads nothing outside the range it was given.
 */
final class BerReader {

    private final byte[] b;
    private int pos;
    private final int end;
    private int tagClass;
    private boolean constructed;
    private int tagNumber;
    private int contentStart;
    private int contentEnd;
    private String error;

    BerReader(byte[] b, int start, int end) {
        this.b = b;
        this.pos = start;
        this.end = end;
    }

    /** A reader over the current element's content. */
    BerReader content() {
        return new BerReader(b, contentStart, contentEnd);
    }

    /** Moves to the next element of this level; false at the end or on an element that does not fit. */
    boolean next() {
        if (pos >= end || error != null) {
            return false;
        }
        int p = pos;
        int first = b[p++] & 0xFF;
        tagClass = first >>> 6;
        constructed = (first & 0x20) != 0;
        int number = first & 0x1F;
        if (number == 0x1F) {
            number = 0;
            int octets = 0;
            int octet;
            do {
                if (p >= end || ++octets > 4) {
                    return fail("BER tag number cut short or longer than 4 octets");
                }
                octet = b[p++] & 0xFF;
                number = number << 7 | (octet & 0x7F);
            } while ((octet & 0x80) != 0);
        }
        tagNumber = number;
        if (p >= end) {
            return fail("BER length missing");
        }
        int length = b[p++] & 0xFF;
        if (length == 0x80) {
            return fail("BER indefinite length is not used by MMS");
        }
        if (length > 0x80) {
            int octets = length & 0x7F;
            if (octets > 4 || p + octets > end) {
                return fail("BER length of " + octets + " octets does not fit");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = length << 8 | (b[p++] & 0xFF);
            }
            if (length < 0) {
                return fail("BER length overflows");
            }
        }
        if (length > end - p) {
            return fail("BER length " + length + " exceeds the " + (end - p) + " bytes left");
        }
        contentStart = p;
        contentEnd = p + length;
        pos = contentEnd;
        return true;
    }

    /** Moves to the next element with this class and number; false when there is none. */
    boolean find(int tagClass, int tagNumber) {
        while (next()) {
            if (this.tagClass == tagClass && this.tagNumber == tagNumber) {
                return true;
            }
        }
        return false;
    }

    private boolean fail(String why) {
        error = why;
        pos = end;
        return false;
    }

    static final int UNIVERSAL = 0;
    static final int APPLICATION = 1;
    static final int CONTEXT = 2;

    int tagClass() {
        return tagClass;
    }

    boolean constructed() {
        return constructed;
    }

    int tagNumber() {
        return tagNumber;
    }

    int contentStart() {
        return contentStart;
    }

    int contentLength() {
        return contentEnd - contentStart;
    }

    /** Why the walk stopped early, or null. */
    String error() {
        return error;
    }

    /** The content as an unsigned integer (at most 8 octets), or -1 when longer or empty. */
    long unsigned() {
        int n = contentLength();
        if (n == 0 || n > 8) {
            return -1;
        }
        long v = 0;
        for (int i = contentStart; i < contentEnd; i++) {
            v = v << 8 | (b[i] & 0xFF);
        }
        return v < 0 ? -1 : v;
    }

    /** The content as printable text (VisibleString and friends), at most {@code max} characters. */
    String text(int max) {
        int n = Math.min(contentLength(), max);
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            int ch = b[contentStart + i] & 0xFF;
            c[i] = ch >= 0x20 && ch < 0x7F ? (char) ch : '?';
        }
        return new String(c);
    }
}
