package io.otsoc.collector.flow;

import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts one direction of a TCP connection back in order and hands its bytes to a {@link ProtocolDecoder}.
 *
 * <ul>
 * <li>The stream starts at the SYN's ISN + 1 or, when the SYN was not seen, at the first sequence number seen.</li>
 * <li>Bytes already delivered or buffered are dropped (retransmissions, overlaps): the first copy wins.</li>
 * <li>Segments ahead of a hole are copied into a buffer bounded in bytes and segments; beyond either bound the
 *     hole is declared a gap ({@link ProtocolDecoder#onGap}) and delivery resumes after it. Bytes the capture cut
 *     off (snap length) are gaps too.</li>
 * <li>Sequence numbers are compared modulo 2^32 (wrap-around).</li>
 * <li>The direction is finished when its FIN is reached in order, or at once on RST; {@link #flush} delivers
 *     what is still buffered, with gaps for the holes, when the flow closes.</li>
 * </ul>
 * In-order segments are delivered straight from the frame's buffer, without copying.
 */
public final class TcpReassembler {

    private final Direction direction;
    private final int maxBufferedBytes;
    private final int maxBufferedSegments;
    private final TcpCounters counters;
    private final List<Segment> buffered = new ArrayList<>();

    private boolean started;
    private int next;
    private boolean finPending;
    private int finSeq;
    private boolean finished;
    private int bufferedBytes;

    public TcpReassembler(Direction direction, int maxBufferedBytes, int maxBufferedSegments, TcpCounters counters) {
        this.direction = direction;
        this.maxBufferedBytes = maxBufferedBytes;
        this.maxBufferedSegments = maxBufferedSegments;
        this.counters = counters;
    }

    /**
     * One segment of this direction.
     *
     * @param flags       TCP flags byte
     * @param length      payload bytes present in {@code buf}
     * @param missingTail payload bytes the capture did not keep after those (snap length), usually 0
     */
    public void onSegment(int seq, int flags, byte[] buf, int off, int length, int missingTail, long timestampMicros,
                          ProtocolDecoder target) {
        if (finished) {
            return;
        }
        boolean syn = (flags & 0x02) != 0;
        if (!started) {
            started = true;
            next = syn ? seq + 1 : seq;
        }
        int dataSeq = syn ? seq + 1 : seq;
        if (length > 0) {
            segment(dataSeq, buf, off, length, false, timestampMicros, target);
        }
        if (missingTail > 0) {
            segment(dataSeq + length, null, 0, missingTail, true, timestampMicros, target);
        }
        if ((flags & 0x01) != 0 && !finPending) {
            finPending = true;
            finSeq = dataSeq + length + missingTail;
        }
        if ((flags & 0x04) != 0) {
            flush(timestampMicros, target);
            finished = true;
            return;
        }
        checkFin();
    }

    /** Delivers everything still buffered, declaring each hole a gap; called when the flow closes. */
    public void flush(long timestampMicros, ProtocolDecoder target) {
        while (!buffered.isEmpty()) {
            Segment head = buffered.get(0);
            emitGap(head.seq - next, timestampMicros, target);
            next = head.seq;
            drain(timestampMicros, target);
        }
    }

    /** Whether the FIN was reached in order or a RST was seen. */
    public boolean finished() {
        return finished;
    }

    /** Segments waiting for a hole to fill. */
    public int bufferedSegments() {
        return buffered.size();
    }

    public int bufferedBytes() {
        return bufferedBytes;
    }

    private void segment(int seq, byte[] buf, int off, int length, boolean phantom, long ts, ProtocolDecoder target) {
        int rel = seq - next;
        int end = rel + length;
        if (end <= 0) {
            counters.retransmittedBytes += length;
            return;
        }
        if (rel < 0) {
            counters.retransmittedBytes += -rel;
            off -= rel;
            length += rel;
            seq = next;
            rel = 0;
        }
        if (rel == 0) {
            deliverInOrder(seq, buf, off, length, phantom, ts, target);
        } else {
            store(seq, buf, off, length, phantom);
            counters.outOfOrderSegments++;
            while (bufferedBytes > maxBufferedBytes || buffered.size() > maxBufferedSegments) {
                Segment head = buffered.get(0);
                emitGap(head.seq - next, ts, target);
                next = head.seq;
                drain(ts, target);
            }
        }
    }

    /** Delivers a segment starting at {@code next}; buffered bytes inside its range arrived first and win. */
    private void deliverInOrder(int seq, byte[] buf, int off, int length, boolean phantom, long ts,
                                ProtocolDecoder target) {
        int segEnd = seq + length;
        while (segEnd - next > 0) {
            int available = segEnd - next;
            if (!buffered.isEmpty()) {
                int toHead = buffered.get(0).seq - next;
                if (toHead < available) {
                    available = toHead;
                }
            }
            if (available > 0) {
                emit(buf, off + (next - seq), available, phantom, ts, target);
                next += available;
            }
            int before = next;
            drain(ts, target);
            // This segment's bytes that buffered ones already supplied are dropped.
            counters.retransmittedBytes += (next - segEnd < 0 ? next : segEnd) - before;
        }
    }

    /** Delivers buffered segments that now start at or before {@code next}. */
    private void drain(long ts, ProtocolDecoder target) {
        while (!buffered.isEmpty()) {
            Segment head = buffered.get(0);
            if (head.seq - next > 0) {
                return;
            }
            buffered.remove(0);
            bufferedBytes -= head.length;
            int end = head.seq + head.length;
            if (end - next <= 0) {
                counters.retransmittedBytes += head.length;
                continue;
            }
            int skip = next - head.seq;
            counters.retransmittedBytes += skip;
            emit(head.data, head.offset + skip, head.length - skip, head.phantom, ts, target);
            next = end;
        }
    }

    /** Buffers the parts of a segment that no buffered segment covers yet (first copy wins), copying the bytes once. */
    private void store(int seq, byte[] buf, int off, int length, boolean phantom) {
        byte[] copy = null;
        int cursor = seq;
        int segEnd = seq + length;
        int insertAt = 0;
        for (int i = 0; i < buffered.size() && segEnd - cursor > 0; i++) {
            Segment e = buffered.get(i);
            int eEnd = e.seq + e.length;
            if (eEnd - cursor <= 0) {
                insertAt = i + 1;
                continue;
            }
            if (e.seq - cursor > 0) {
                int pieceEnd = (e.seq - segEnd < 0) ? e.seq : segEnd;
                if (copy == null && !phantom) {
                    copy = copyOf(buf, off, length);
                }
                buffered.add(i, new Segment(cursor, copy, cursor - seq, pieceEnd - cursor, phantom));
                bufferedBytes += pieceEnd - cursor;
                i++;
                cursor = pieceEnd;
            }
            if (segEnd - e.seq > 0) {
                // The part covered by a segment buffered earlier keeps that earlier copy.
                counters.retransmittedBytes += ((eEnd - segEnd < 0) ? eEnd : segEnd) - cursor;
            }
            cursor = eEnd;
            insertAt = i + 1;
        }
        if (segEnd - cursor > 0) {
            if (copy == null && !phantom) {
                copy = copyOf(buf, off, length);
            }
            buffered.add(insertAt, new Segment(cursor, copy, cursor - seq, segEnd - cursor, phantom));
            bufferedBytes += segEnd - cursor;
        }
    }

    private static byte[] copyOf(byte[] buf, int off, int length) {
        byte[] copy = new byte[length];
        System.arraycopy(buf, off, copy, 0, length);
        return copy;
    }

    private void emit(byte[] buf, int off, int length, boolean phantom, long ts, ProtocolDecoder target) {
        if (phantom) {
            emitGap(length, ts, target);
        } else {
            counters.bytesDelivered += length;
            target.onData(direction, buf, off, length, ts);
        }
    }

    private void emitGap(int missing, long ts, ProtocolDecoder target) {
        if (missing <= 0) {
            return;
        }
        counters.gaps++;
        counters.gapBytes += missing;
        target.onGap(direction, missing, ts);
    }

    private void checkFin() {
        if (finPending && next - finSeq >= 0) {
            finished = true;
        }
    }

    /** A buffered piece: {@code length} bytes at sequence {@code seq}, from {@code data[offset]} (none for a gap). */
    private record Segment(int seq, byte[] data, int offset, int length, boolean phantom) {
    }
}
