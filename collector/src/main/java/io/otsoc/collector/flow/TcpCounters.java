package io.otsoc.collector.flow;

/** Running totals of what the TCP reassemblers of one pipeline did. Mutable, single-threaded. */
public final class TcpCounters {

    long gaps;
    long gapBytes;
    long retransmittedBytes;
    long outOfOrderSegments;
    long bytesDelivered;

    /** Holes declared, each reported once to a decoder through {@code onGap}. */
    public long gaps() {
        return gaps;
    }

    /** Bytes never captured, summed over the gaps. */
    public long gapBytes() {
        return gapBytes;
    }

    /** Bytes dropped because they had already been delivered or buffered (retransmissions and overlaps). */
    public long retransmittedBytes() {
        return retransmittedBytes;
    }

    /** Segments that arrived ahead of a hole and were buffered. */
    public long outOfOrderSegments() {
        return outOfOrderSegments;
    }

    /** Bytes handed to decoders in order. */
    public long bytesDelivered() {
        return bytesDelivered;
    }
}
