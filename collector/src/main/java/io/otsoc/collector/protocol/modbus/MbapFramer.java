package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.protocol.Direction;

import static io.otsoc.collector.protocol.modbus.BigEndian.u16;
import static io.otsoc.collector.protocol.modbus.BigEndian.u8;

/**
 * Cuts one direction's in-order byte stream into Modbus/TCP ADUs (MBAP header + PDU, Modbus Messaging on TCP/IP
 * Implementation Guide V1.0b, section 3.1.3). A complete ADU inside one delivery is handed on in place; only an
 * ADU split across deliveries is copied, into a buffer of the largest ADU (260 bytes).
 *
 * <p>After a gap, or an invalid header when the listener asks for it, the framer resynchronises: it scans for the
 * next offset that looks like an ADU start (protocol id 0, length 2..254, a plausible function code and, when
 * visible, a protocol id 0 right after that ADU) and drops the bytes before it. Scanning stays within one
 * delivery; since TCP senders start a segment with an ADU, the next delivery usually resynchronises at its start.
 *
 * <p>An MBAP length above 254 is an invalid header, except when the ADU is consistent with the stream
 * ({@link #consistentOversizeAdu}): it is then framed, and the decoder reports it as malformed.
 */
final class MbapFramer {

    /** Receives what the framer finds. Each method returns false to stop reading this direction. */
    interface Listener {

        /** A complete ADU with a valid MBAP header, {@code length} bytes from {@code offset}. */
        boolean adu(Direction direction, byte[] buf, int offset, int length, long timestampMicros);

        /** An invalid MBAP header; true to resynchronise and go on. */
        boolean invalidHeader(Direction direction, String reason, long timestampMicros);

        /** {@code skippedBytes} bytes were dropped so far while looking for the next ADU after a gap or error. */
        boolean unsynchronised(Direction direction, long skippedBytes, long timestampMicros);
    }

    static final int HEADER_LENGTH = 7;
    static final int MIN_LENGTH_FIELD = 2;
    static final int MAX_LENGTH_FIELD = 254;
    static final int MAX_ADU = 6 + MAX_LENGTH_FIELD;

    private final Direction direction;
    private final Listener listener;
    private final byte[] partial = new byte[MAX_ADU];
    private int buffered;
    private int expected;
    private long partialMicros;
    private boolean resynchronising;
    private long skipped;
    private boolean stopped;

    MbapFramer(Direction direction, Listener listener) {
        this.direction = direction;
        this.listener = listener;
    }

    void onData(byte[] buf, int offset, int length, long timestampMicros) {
        int p = offset;
        int end = offset + length;
        while (p < end && !stopped) {
            if (resynchronising) {
                p = scan(buf, p, end, timestampMicros);
            } else if (buffered > 0) {
                p = continuePartial(buf, p, end, timestampMicros);
            } else {
                p = frame(buf, p, end, timestampMicros);
            }
        }
    }

    /** Bytes were lost: drop the partial ADU and look for the next ADU start. */
    void onGap() {
        buffered = 0;
        if (!stopped) {
            resynchronising = true;
            skipped = 0;
        }
    }

    void stop() {
        stopped = true;
        buffered = 0;
    }

    /** Bytes of an incomplete ADU held back, at most {@link #MAX_ADU}. */
    int bufferedBytes() {
        return buffered;
    }

    /** The incomplete ADU's bytes (valid up to {@link #bufferedBytes()}) and how many it should have had. */
    byte[] partialAdu() {
        return partial;
    }

    int expectedBytes() {
        return buffered >= HEADER_LENGTH ? expected : -1;
    }

    long partialMicros() {
        return partialMicros;
    }

    /** Frames from {@code p} with nothing buffered: in place when the ADU is complete, else buffered. */
    private int frame(byte[] b, int p, int end, long ts) {
        int available = end - p;
        if (available < HEADER_LENGTH) {
            System.arraycopy(b, p, partial, 0, available);
            buffered = available;
            partialMicros = ts;
            return end;
        }
        String problem = headerProblem(b, p);
        if (problem != null) {
            int oversize = consistentOversizeAdu(b, p, end);
            if (oversize < 0) {
                return rejectHeader(problem, p + 1, ts);
            }
            if (!listener.adu(direction, b, p, oversize, ts)) {
                stop();
            }
            return p + oversize;
        }
        int total = 6 + u16(b, p + 4);
        if (available >= total) {
            if (!listener.adu(direction, b, p, total, ts)) {
                stop();
            }
            return p + total;
        }
        System.arraycopy(b, p, partial, 0, available);
        buffered = available;
        expected = total;
        partialMicros = ts;
        return end;
    }

    private int continuePartial(byte[] b, int p, int end, long ts) {
        if (buffered < HEADER_LENGTH) {
            int take = Math.min(HEADER_LENGTH - buffered, end - p);
            System.arraycopy(b, p, partial, buffered, take);
            buffered += take;
            p += take;
            if (buffered < HEADER_LENGTH) {
                return p;
            }
            String problem = headerProblem(partial, 0);
            if (problem != null) {
                buffered = 0;
                return rejectHeader(problem, p, ts);
            }
            expected = 6 + u16(partial, 4);
        }
        int take = Math.min(expected - buffered, end - p);
        System.arraycopy(b, p, partial, buffered, take);
        buffered += take;
        p += take;
        if (buffered == expected) {
            buffered = 0;
            if (!listener.adu(direction, partial, 0, expected, partialMicros)) {
                stop();
            }
        }
        return p;
    }

    private int rejectHeader(String problem, int resumeAt, long ts) {
        if (listener.invalidHeader(direction, problem, ts)) {
            resynchronising = true;
            skipped = 0;
            return resumeAt;
        }
        stop();
        return Integer.MAX_VALUE;
    }

    private int scan(byte[] b, int p, int end, long ts) {
        for (int i = p; i + HEADER_LENGTH + 1 <= end; i++) {
            if (looksLikeAduStart(b, i, end)) {
                skipped += i - p;
                resynchronising = false;
                return i;
            }
        }
        skipped += end - p;
        if (!listener.unsynchronised(direction, skipped, ts)) {
            stop();
        }
        return end;
    }

    private boolean looksLikeAduStart(byte[] b, int i, int end) {
        int length = u16(b, i + 4);
        if (b[i + 2] != 0 || b[i + 3] != 0 || length < MIN_LENGTH_FIELD || length > MAX_LENGTH_FIELD) {
            return false;
        }
        int fc = u8(b, i + 7);
        if (fc == 0 || fc == 0x80 || (direction == Direction.TO_SERVER && fc > 0x7F)) {
            return false;
        }
        int next = i + 6 + length;
        return next + 4 > end || (b[next + 2] == 0 && b[next + 3] == 0);
    }

    /**
     * The length of the ADU at {@code p} when its header's only fault is an MBAP length above 254 and the ADU is
     * nevertheless consistent with the stream: complete within this delivery, and ending exactly where the
     * delivery ends or where the next header's protocol id 0 starts. Devices do send such ADUs (a Modicon PLC
     * echoing a 255-length UMAS request, in the shared captures); framing them keeps the direction in step and
     * lets the decoder report the transaction as malformed under its function, instead of dropping it with the
     * bytes skipped while resynchronising. Only an ADU within one delivery qualifies, so nothing larger than the
     * specification's 260 bytes is ever buffered. Returns -1 otherwise.
     */
    private static int consistentOversizeAdu(byte[] b, int p, int end) {
        int length = u16(b, p + 4);
        if (u16(b, p + 2) != 0 || length <= MAX_LENGTH_FIELD) {
            return -1;
        }
        int total = 6 + length;
        int next = p + total;
        if (next > end) {
            return -1;
        }
        boolean followedByHeader = end - next >= 4 && b[next + 2] == 0 && b[next + 3] == 0;
        return next == end || followedByHeader ? total : -1;
    }

    /** Null when the 7-byte MBAP header at {@code i} is valid, else why not. Allocates only on failure. */
    static String headerProblem(byte[] b, int i) {
        int protocolId = u16(b, i + 2);
        if (protocolId != 0) {
            return "MBAP protocol identifier " + protocolId + " is not 0 (Modbus)";
        }
        int length = u16(b, i + 4);
        if (length < MIN_LENGTH_FIELD || length > MAX_LENGTH_FIELD) {
            return "MBAP length " + length + " is outside 2..254 (unit id and PDU of at most 253 bytes)";
        }
        return null;
    }
}
