package io.otsoc.collector.capture;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * A capture file seen through one large reusable heap buffer, so that frames can be handed out as views into
 * the buffer without copying. Bytes between {@link #position()} and {@link #limit()} are loaded; a request for
 * more compacts the unread tail to the start and refills behind it. A record larger than the whole buffer
 * grows it (once per new size), so any record the readers accept fits.
 *
 * <p>A read error does not throw: it ends the input and is kept in {@link #failure()}, so that the reader can
 * deliver every complete record before it and then report the error with its place in the file.
 */
final class CaptureInput implements AutoCloseable {

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private final FileChannel channel;
    private byte[] buffer;
    private ByteBuffer window;
    private int position;
    private int limit;
    /** File offset of {@code buffer[0]}. */
    private long bufferStart;
    private boolean endOfFile;
    private IOException failure;

    CaptureInput(FileChannel channel, byte[] buffer) {
        this.channel = channel;
        this.buffer = buffer;
        this.window = ByteBuffer.wrap(buffer);
    }

    /**
     * Makes {@code count} bytes from the current position available in {@link #buffer()}.
     *
     * @return false when the file (or a read error) ends first; {@link #available()} then tells how many are
     */
    boolean request(int count) {
        return limit - position >= count || fill(count);
    }

    private boolean fill(int count) {
        if (position > 0) {
            int unread = limit - position;
            System.arraycopy(buffer, position, buffer, 0, unread);
            bufferStart += position;
            limit = unread;
            position = 0;
        }
        if (count > buffer.length) {
            grow(count);
        }
        while (limit < count && !endOfFile) {
            window.limit(buffer.length).position(limit);
            int read;
            try {
                read = channel.read(window);
            } catch (IOException e) {
                failure = e;
                endOfFile = true;
                break;
            }
            if (read < 0) {
                endOfFile = true;
            } else {
                limit += read;
            }
        }
        return limit >= count;
    }

    private void grow(int count) {
        byte[] larger = new byte[Math.max(count, buffer.length + (buffer.length >> 1))];
        System.arraycopy(buffer, 0, larger, 0, limit);
        buffer = larger;
        window = ByteBuffer.wrap(larger);
    }

    /** Moves past {@code count} loaded bytes. */
    void skip(int count) {
        position += count;
    }

    /** The buffer holding the loaded bytes; it changes only when a request grows it. */
    byte[] buffer() {
        return buffer;
    }

    int position() {
        return position;
    }

    int available() {
        return limit - position;
    }

    /** File offset of the current position. */
    long offset() {
        return bufferStart + position;
    }

    /** True when nothing is left to read and the end was reached cleanly. */
    boolean exhausted() {
        return position == limit && endOfFile && failure == null;
    }

    /** The read error that ended the input early, or null. */
    IOException failure() {
        return failure;
    }

    int int32(int at, boolean bigEndian) {
        return bigEndian ? (int) INT_BE.get(buffer, at) : (int) INT_LE.get(buffer, at);
    }

    long uint32(int at, boolean bigEndian) {
        return int32(at, bigEndian) & 0xFFFF_FFFFL;
    }

    int uint16(int at, boolean bigEndian) {
        return (bigEndian ? (short) SHORT_BE.get(buffer, at) : (short) SHORT_LE.get(buffer, at)) & 0xFFFF;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a file opened for reading loses nothing.
        }
    }
}
