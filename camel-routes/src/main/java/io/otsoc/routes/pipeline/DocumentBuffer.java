package io.otsoc.routes.pipeline;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The bytes of the document being encoded: one array that grows to the largest document and is reused, without the
 * locking of {@link java.io.ByteArrayOutputStream} or the block list of Jackson's {@code ByteArrayBuilder}. One
 * encoder thread only.
 */
final class DocumentBuffer extends OutputStream {

    private byte[] bytes;
    private int size;

    DocumentBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    void reset() {
        size = 0;
    }

    /** A copy of what was written since the last reset. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (bytes.length - size < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
