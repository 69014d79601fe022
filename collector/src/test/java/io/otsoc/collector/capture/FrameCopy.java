package io.otsoc.collector.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A frame copied out of its source's buffer, for comparison after reading. */
record FrameCopy(long number, long timestampMicros, int capturedLength, int originalLength, int linkType,
                 byte[] data) {

    static FrameCopy of(Frame frame) {
        return new FrameCopy(frame.number(), frame.timestampMicros(), frame.capturedLength(),
                frame.originalLength(), frame.linkType(),
                Arrays.copyOfRange(frame.data(), frame.offset(), frame.offset() + frame.capturedLength()));
    }

    /** Every frame of the source, copied. */
    static List<FrameCopy> readAll(PacketSource source) {
        List<FrameCopy> frames = new ArrayList<>();
        source.run(frame -> frames.add(of(frame)));
        return frames;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FrameCopy that && number == that.number && timestampMicros == that.timestampMicros
                && capturedLength == that.capturedLength && originalLength == that.originalLength
                && linkType == that.linkType && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(number) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "frame " + number + " @" + timestampMicros + " " + capturedLength + "/" + originalLength
                + " link " + linkType;
    }
}
