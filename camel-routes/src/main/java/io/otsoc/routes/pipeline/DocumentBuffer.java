package io.otsoc.routes.pipeline;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The bytes of the document being encoded: one array that grows to the largest document and is reused, without the
 * locking of {@link java.io.ByteArrayOutputStream} or the block list of Jackson's {@code ByteArrayBuilder}. A
 * generator hands over a document that fits its own buffer in one write; that write is copied straight into the
 * document's own array, so the common document is copied once here rather than twice. One encoder thread only.
 */
final class DocumentBuffer extends OutputStream {

    private byte[] bytes;
    private int size;
    /** The whole document when it came in one write since the last reset; else null. */
    private byte[] whole;

    DocumentBuffer(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    @Override
    public void write(int b) {
        spill();
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (size == 0 && whole == null) {
            whole = Arrays.copyOfRange(b, off, off + len);
            return;
        }
        spill();
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    void reset() {
        size = 0;
        whole = null;
    }

    /** What was written since the last reset, in an array of its own. */
    byte[] toByteArray() {
        if (whole != null) {
            return whole;
        }
        return Arrays.copyOf(bytes, size);
    }

    /** A second write follows the first: from now on the document is gathered in the reused array. */
    private void spill() {
        if (whole != null) {
            ensure(whole.length);
            System.arraycopy(whole, 0, bytes, 0, whole.length);
            size = whole.length;
            whole = null;
        }
    }

    private void ensure(int more) {
        if (bytes.length - size < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
