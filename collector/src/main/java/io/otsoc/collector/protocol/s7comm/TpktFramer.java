package io.otsoc.collector.protocol.s7comm;

/**
 * Cuts one direction's byte stream into TPKTs (RFC 1006 section 6: version 3, reserved 0, 16-bit length including
 * the 4-byte header). A TPKT complete within one delivery is handed on in place; only a split one is copied. After
 * a gap or an invalid header the rest of the delivery is dropped: senders start a segment with a TPKT.
 */
final class TpktFramer {

    interface Listener {
        /** A complete TPKT; false to stop reading this direction. */
        boolean tpkt(byte[] buf, int offset, int length, long timestampMicros);

        /** An invalid TPKT header; false to stop reading this direction. */
        boolean invalidHeader(String reason, long timestampMicros);
    }

    static final int HEADER = 4;
    /** TPKT header and the smallest COTP TPDU (length indicator, type and one more octet). */
    static final int MIN_LENGTH = 7;

    private final Listener listener;
    private byte[] partial = new byte[512];
    private int buffered;
    private int expected;
    private long partialMicros;
    private boolean skipDelivery;
    private boolean stopped;

    TpktFramer(Listener listener) {
        this.listener = listener;
    }

    void onData(byte[] b, int offset, int length, long ts) {
        skipDelivery = false;
        int p = offset;
        int end = offset + length;
        while (p < end && !stopped && !skipDelivery) {
            p = buffered > 0 ? continuePartial(b, p, end) : frame(b, p, end, ts);
        }
    }

    void onGap() {
        buffered = 0;
    }

    void stop() {
        stopped = true;
        buffered = 0;
    }

    int bufferedBytes() {
        return buffered;
    }

    long partialMicros() {
        return partialMicros;
    }

    private int frame(byte[] b, int p, int end, long ts) {
        int available = end - p;
        if (available < HEADER) {
            hold(b, p, available, ts);
            return end;
        }
        String problem = headerProblem(b, p);
        if (problem != null) {
            reject(problem, ts);
            return end;
        }
        int total = ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
        if (available >= total) {
            deliver(b, p, total, ts);
            return p + total;
        }
        expected = total;
        hold(b, p, available, ts);
        return end;
    }

    private void hold(byte[] b, int p, int n, long ts) {
        ensure(Math.max(n, HEADER));
        System.arraycopy(b, p, partial, 0, n);
        buffered = n;
        partialMicros = ts;
    }

    private int continuePartial(byte[] b, int p, int end) {
        if (buffered < HEADER) {
            int take = Math.min(HEADER - buffered, end - p);
            System.arraycopy(b, p, partial, buffered, take);
            buffered += take;
            p += take;
            if (buffered < HEADER) {
                return p;
            }
            String problem = headerProblem(partial, 0);
            if (problem != null) {
                buffered = 0;
                reject(problem, partialMicros);
                return end;
            }
            expected = ((partial[2] & 0xFF) << 8) | (partial[3] & 0xFF);
        }
        ensure(expected);
        int take = Math.min(expected - buffered, end - p);
        System.arraycopy(b, p, partial, buffered, take);
        buffered += take;
        p += take;
        if (buffered == expected) {
            buffered = 0;
            deliver(partial, 0, expected, partialMicros);
        }
        return p;
    }

    private void ensure(int size) {
        if (partial.length < size) {
            byte[] bigger = new byte[Math.max(size, partial.length * 2)];
            System.arraycopy(partial, 0, bigger, 0, buffered);
            partial = bigger;
        }
    }

    private void deliver(byte[] b, int p, int n, long ts) {
        if (!listener.tpkt(b, p, n, ts)) {
            stop();
        }
    }

    private void reject(String problem, long ts) {
        if (listener.invalidHeader(problem, ts)) {
            skipDelivery = true;
        } else {
            stop();
        }
    }

    /** Null when the TPKT header at {@code i} is valid, else why not. Allocates only on failure. */
    static String headerProblem(byte[] b, int i) {
        if (b[i] != 3 || b[i + 1] != 0) {
            return "TPKT version " + (b[i] & 0xFF) + " reserved " + (b[i + 1] & 0xFF) + " is not version 3, reserved 0";
        }
        int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
        if (length < MIN_LENGTH) {
            return "TPKT length " + length + " is below " + MIN_LENGTH + " (header and smallest COTP TPDU)";
        }
        return null;
    }
}
