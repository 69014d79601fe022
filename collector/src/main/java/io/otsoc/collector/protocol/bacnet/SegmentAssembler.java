package io.otsoc.collector.protocol.bacnet;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Joins the segments of a segmented confirmed request or complex ack (ANSI/ASHRAE 135 clause 5.2) into one
 * service body, per sender and invoke id. Bounded: at most {@link #MAX_ASSEMBLIES} messages at once (the oldest
 * is dropped) and {@link #MAX_BYTES} bytes per message.
 */
final class SegmentAssembler {

    static final int MAX_ASSEMBLIES = 16;
    static final int MAX_BYTES = 256 * 1024;

    /** A message being assembled: the header of its first segment and the body so far. */
    static final class Assembly {
        final BacnetMessage first;
        final long timestampMicros;
        byte[] body = new byte[1024];
        int length;
        int segments;
        int nextSequence;

        Assembly(BacnetMessage first, long timestampMicros) {
            this.first = first;
            this.timestampMicros = timestampMicros;
        }
    }

    /** The outcome of adding one segment. */
    record Result(Assembly complete, Assembly dropped, String problem) {
    }

    private final Map<Integer, Assembly> open = new LinkedHashMap<>();

    static int key(BacnetMessage m) {
        return (m.fromClient ? 1 << 12 : 0) | (m.pduType << 8) | (m.invokeId & 0xFF);
    }

    Result add(BacnetMessage m, byte[] buf, int offset, int end, long timestampMicros) {
        int key = key(m);
        Assembly a = open.get(key);
        Assembly dropped = null;
        if (m.sequenceNumber == 0 || a == null) {
            if (a != null) {
                open.remove(key);
                dropped = a;
            }
            if (m.sequenceNumber != 0) {
                return new Result(null, dropped, "segment " + m.sequenceNumber + " of invoke id " + m.invokeId
                        + " without its first segment");
            }
            if (open.size() >= MAX_ASSEMBLIES) {
                Iterator<Assembly> it = open.values().iterator();
                dropped = it.next();
                it.remove();
            }
            a = new Assembly(m, timestampMicros);
            open.put(key, a);
        } else if (m.sequenceNumber != (a.nextSequence & 0xFF)) {
            if (m.sequenceNumber == ((a.nextSequence - 1) & 0xFF)) {
                return new Result(null, dropped, null); // a retransmitted segment
            }
            open.remove(key);
            return new Result(null, a, "segment " + m.sequenceNumber + " of invoke id " + m.invokeId
                    + " where segment " + (a.nextSequence & 0xFF) + " was expected");
        }
        int n = end - offset;
        if (a.length + n > MAX_BYTES) {
            open.remove(key);
            return new Result(null, a, "segmented message of invoke id " + m.invokeId + " exceeds "
                    + MAX_BYTES + " bytes");
        }
        if (a.length + n > a.body.length) {
            a.body = Arrays.copyOf(a.body, Math.min(MAX_BYTES, Math.max(a.body.length * 2, a.length + n)));
        }
        System.arraycopy(buf, offset, a.body, a.length, n);
        a.length += n;
        a.segments++;
        a.nextSequence++;
        if (!m.moreFollows) {
            open.remove(key);
            return new Result(a, dropped, null);
        }
        return new Result(null, dropped, null);
    }

    /** Removes and returns every unfinished message. */
    Iterable<Assembly> drain() {
        var left = new java.util.ArrayList<>(open.values());
        open.clear();
        return left;
    }

    int size() {
        return open.size();
    }
}
