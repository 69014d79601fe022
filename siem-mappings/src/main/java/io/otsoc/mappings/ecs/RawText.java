package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.io.NumberOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable buffer of JSON text assembled as UTF-8 bytes and handed to a generator's {@code writeRaw} or
 * {@code writeRawValue}, which copies it in one go: cheaper than the generator's per-character loop over a char
 * array. Only text that needs no escaping goes in (ASCII digits, timestamps, names and values checked as plain).
 * One per thread.
 */
final class RawText extends RawUtf8String {

    private byte[] data = new byte[1024];
    private int length;

    /** Whether a generator writes the text as it is: printable ASCII without quote or backslash. */
    static boolean plain(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 || ch > 0x7E || ch == '"' || ch == '\\') {
                return false;
            }
        }
        return true;
    }

    RawText clear() {
        length = 0;
        return this;
    }

    int length() {
        return length;
    }

    /** Makes room for {@code more} bytes. */
    RawText reserve(int more) {
        if (length + more > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, length + more));
        }
        return this;
    }

    /** One ASCII character; room must have been reserved. */
    RawText put(char c) {
        data[length++] = (byte) c;
        return this;
    }

    /** Printable ASCII text that needs no escaping (the caller checked); reserves room itself. */
    RawText ascii(String text) {
        int n = text.length();
        reserve(n);
        byte[] d = data;
        int at = length;
        for (int i = 0; i < n; i++) {
            d[at + i] = (byte) text.charAt(i);
        }
        length = at + n;
        return this;
    }

    /** Bytes already encoded; reserves room itself. */
    RawText bytes(byte[] encoded) {
        reserve(encoded.length);
        System.arraycopy(encoded, 0, data, length, encoded.length);
        length += encoded.length;
        return this;
    }

    /** ASCII characters from a char buffer; reserves room itself. */
    RawText ascii(char[] chars, int count) {
        reserve(count);
        byte[] d = data;
        int at = length;
        for (int i = 0; i < count; i++) {
            d[at + i] = (byte) chars[i];
        }
        length = at + count;
        return this;
    }

    /** A long in decimal, as generators write it; room must have been reserved (20 bytes). */
    RawText number(long value) {
        length = NumberOutput.outputLong(value, data, length);
        return this;
    }

    // ---------------------------------------------------------------- SerializableString, for writeRaw

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + length > buffer.length) {
            return -1;
        }
        System.arraycopy(data, 0, buffer, offset, length);
        return length;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOf(data, length); // only when the generator's buffer lacks room
    }

    @Override
    public String getValue() {
        return new String(data, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return length; // ASCII only
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(data, 0, length);
        return length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (length > buffer.remaining()) {
            return -1;
        }
        buffer.put(data, 0, length);
        return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        if (offset + length > buffer.length) {
            return -1;
        }
        for (int i = 0; i < length; i++) {
            buffer[offset + i] = (char) data[i];
        }
        return length;
    }
}
