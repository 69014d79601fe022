package io.otsoc.collector.protocol.opcua;

/**
 * Cuts one direction's byte stream into OPC UA TCP message chunks (OPC 10000-6, 7.1.2: three ASCII bytes of message
 * type, one byte of chunk type, a little-endian UInt32 size that counts the 8-byte header). A chunk complete within
 * one delivery is handed on in place; only a split one is copied, up to {@link #MAX_CHUNK} bytes. After a gap or
 * an invalid header the framer resynchronises: it looks for the next plausible header (a known type, a chunk type
 * that type allows, a bounded size and, where the listener knows it, the expected secure channel id).
 */
final class ChunkFramer {

    interface Listener {
        /**
         * A complete chunk, with the times its first and its last byte arrived; false to stop reading this
         * direction.
         */
        boolean chunk(String type, char chunkType, byte[] buf, int offset, int length, long firstMicros,
                      long lastMicros);

        /** An invalid chunk header; false to stop reading this direction. */
        boolean invalidHeader(String reason, long timestampMicros);

        /** While resynchronising: whether the secure channel id after a candidate MSG/OPN/CLO header fits. */
        boolean plausibleChannel(long secureChannelId);
    }

    static final int HEADER = 8;
    /** The largest chunk accepted: no stack negotiates buffers near this (open62541 and the SDKs use 64 KiB-2 MiB). */
    static final int MAX_CHUNK = 16 * 1024 * 1024;

    private final Listener listener;
    private byte[] partial = new byte[256];
    private int buffered;
    private int expected;
    private long partialMicros;
    private boolean resync;
    private boolean stopped;
    private boolean seenChunk;
    private long currentMicros;

    ChunkFramer(Listener listener) {
        this.listener = listener;
    }

    void onData(byte[] b, int offset, int length, long ts) {
        currentMicros = ts;
        int p = offset;
        int end = offset + length;
        while (p < end && !stopped) {
            if (buffered > 0) {
                p = continuePartial(b, p, end);
            } else if (resync) {
                p = findHeader(b, p, end);
            } else {
                p = frame(b, p, end, ts);
            }
        }
    }

    /** Bytes were lost: drop the partial chunk and resynchronise on the next plausible header. */
    void onGap() {
        buffered = 0;
        if (seenChunk) {
            resync = true;
        }
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

    boolean seenChunk() {
        return seenChunk;
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
            return p + 1;
        }
        int size = size(b, p);
        if (available >= size) {
            deliver(b, p, size, ts);
            return p + size;
        }
        expected = size;
        hold(b, p, available, ts);
        return end;
    }

    private int findHeader(byte[] b, int p, int end) {
        for (int i = p; i + HEADER <= end; i++) {
            if (knownType(b[i], b[i + 1], b[i + 2]) != null && headerProblem(b, i) == null
                    && channelFits(b, i, end)) {
                resync = false;
                return i;
            }
        }
        // none in this delivery: senders start a segment with a chunk, so the next delivery is the next chance
        return end;
    }

    private boolean channelFits(byte[] b, int i, int end) {
        char t = (char) b[i];
        if ((t == 'M' || t == 'O' || t == 'C') && i + 12 <= end) {
            return listener.plausibleChannel(u32(b, i + 8));
        }
        return true;
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
                // give the held bytes back to resynchronisation, from the byte after this bad start
                buffered = 0;
                reject(problem, partialMicros);
                return p - take;
            }
            expected = size(partial, 0);
        }
        int take = Math.min(expected - buffered, end - p);
        // grow with what arrives, not with what the size field claims
        ensure(buffered + take);
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
            byte[] bigger = new byte[Math.max(size, Math.min(MAX_CHUNK, partial.length * 2))];
            // (size never exceeds MAX_CHUNK: it is at most a validated chunk size)
            System.arraycopy(partial, 0, bigger, 0, buffered);
            partial = bigger;
        }
    }

    private void deliver(byte[] b, int p, int n, long ts) {
        seenChunk = true;
        if (!listener.chunk(new String(b, p, 3, java.nio.charset.StandardCharsets.US_ASCII), (char) b[p + 3], b, p, n,
                ts, currentMicros)) {
            stop();
        }
    }

    private void reject(String problem, long ts) {
        if (listener.invalidHeader(problem, ts)) {
            resync = true;
        } else {
            stop();
        }
    }

    static int size(byte[] b, int i) {
        return (int) Math.min(u32(b, i + 4), Integer.MAX_VALUE);
    }

    static long u32(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
    }

    /** The smallest chunk of each type: header plus the fixed part of its body. */
    static int minimumSize(String type) {
        return switch (type) {
            case "HEL" -> 32;
            case "ACK" -> 28;
            case "ERR" -> 16;
            case "RHE" -> 16;
            case "OPN" -> 12;
            default -> 16;
        };
    }

    /** Null when the header at {@code i} is valid, else why not. Allocates only on failure. */
    static String headerProblem(byte[] b, int i) {
        int c0 = b[i];
        int c1 = b[i + 1];
        int c2 = b[i + 2];
        int chunk = b[i + 3];
        String type = knownType(c0, c1, c2);
        if (type == null) {
            return "message type " + printable(b, i, 3) + " is not HEL, ACK, ERR, RHE, OPN, CLO or MSG";
        }
        boolean multi = type.equals("MSG") || type.equals("OPN") || type.equals("CLO");
        if (chunk != 'F' && !(multi && (chunk == 'C' || chunk == 'A'))) {
            return type + " chunk type " + printable(b, i + 3, 1) + " is not " + (multi ? "F, C or A" : "F");
        }
        long size = u32(b, i + 4);
        if (size > MAX_CHUNK) {
            return type + " message size " + size + " exceeds the " + MAX_CHUNK + "-byte chunk bound";
        }
        int min = minimumSize(type);
        if (size < min) {
            return type + " message size " + size + " is below the " + min + " bytes of its fixed fields";
        }
        return null;
    }

    private static String knownType(int c0, int c1, int c2) {
        if (c0 == 'H' && c1 == 'E' && c2 == 'L') {
            return "HEL";
        } else if (c0 == 'A' && c1 == 'C' && c2 == 'K') {
            return "ACK";
        } else if (c0 == 'E' && c1 == 'R' && c2 == 'R') {
            return "ERR";
        } else if (c0 == 'R' && c1 == 'H' && c2 == 'E') {
            return "RHE";
        } else if (c0 == 'O' && c1 == 'P' && c2 == 'N') {
            return "OPN";
        } else if (c0 == 'C' && c1 == 'L' && c2 == 'O') {
            return "CLO";
        } else if (c0 == 'M' && c1 == 'S' && c2 == 'G') {
            return "MSG";
        }
        return null;
    }

    static String printable(byte[] b, int i, int n) {
        StringBuilder sb = new StringBuilder("'");
        for (int k = 0; k < n; k++) {
            int c = b[i + k] & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append('\'').toString();
    }
}
