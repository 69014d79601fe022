package io.otsoc.collector.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Rewrites a real little-endian microsecond capture into the other classic variants, keeping every frame. */
final class ClassicCaptures {

    /** Sub-microsecond digits added to nanosecond timestamps: a reader must truncate them away. */
    static final int EXTRA_NANOS = 789;

    private ClassicCaptures() {
    }

    /**
     * The same capture in the given byte order, with nanosecond timestamps when asked.
     *
     * @param original a classic capture with magic 0xa1b2c3d4 written little-endian
     */
    static byte[] convert(byte[] original, ByteOrder order, boolean nanos) {
        ByteBuffer in = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN);
        if (in.getInt(0) != ClassicPcapReader.MAGIC_MICROS) {
            throw new IllegalArgumentException("not a little-endian microsecond capture");
        }
        ByteBuffer out = ByteBuffer.allocate(original.length).order(order);
        out.putInt(nanos ? ClassicPcapReader.MAGIC_NANOS : ClassicPcapReader.MAGIC_MICROS);
        out.putShort(in.getShort(4)).putShort(in.getShort(6));
        out.putInt(in.getInt(8)).putInt(in.getInt(12)).putInt(in.getInt(16)).putInt(in.getInt(20));
        int at = 24;
        while (at + 16 <= original.length) {
            int seconds = in.getInt(at);
            int micros = in.getInt(at + 4);
            int captured = in.getInt(at + 8);
            int originalLength = in.getInt(at + 12);
            out.putInt(seconds).putInt(nanos ? micros * 1000 + EXTRA_NANOS : micros).putInt(captured).putInt(originalLength);
            out.put(original, at + 16, captured);
            at += 16 + captured;
        }
        if (at != original.length) {
            throw new IllegalArgumentException("capture does not end on a record boundary");
        }
        return out.array();
    }
}
