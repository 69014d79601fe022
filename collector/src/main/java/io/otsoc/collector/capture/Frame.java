package io.otsoc.collector.capture;

/**
 * One captured frame as a view over a buffer owned by the source. The source reuses the instance and the
 * buffer for the next frame: a handler copies whatever it keeps.
 */
public final class Frame {

    private byte[] data;
    private int offset;
    private int capturedLength;
    private int originalLength;
    private long timestampMicros;
    private int linkType;
    private long number;

    /** Points this view at the next frame. */
    public Frame set(byte[] data, int offset, int capturedLength, int originalLength,
                     long timestampMicros, int linkType, long number) {
        this.data = data;
        this.offset = offset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.timestampMicros = timestampMicros;
        this.linkType = linkType;
        this.number = number;
        return this;
    }

    /** The buffer holding the frame's bytes from {@link #offset()} for {@link #capturedLength()} bytes. */
    public byte[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    /** Bytes present in the capture (at most the snap length). */
    public int capturedLength() {
        return capturedLength;
    }

    /** Length of the frame on the wire. */
    public int originalLength() {
        return originalLength;
    }

    /** Capture time in microseconds since the epoch. */
    public long timestampMicros() {
        return timestampMicros;
    }

    /** The pcap LINKTYPE_ value of the interface the frame came from, see {@link LinkTypes}. */
    public int linkType() {
        return linkType;
    }

    /** 1-based position of the frame in its source. */
    public long number() {
        return number;
    }
}
