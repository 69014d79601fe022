package io.otsoc.collector.protocol.mqtt;

/**
 * Cuts one direction's byte stream into control packets: a fixed header (type and flags byte, remaining length as a
 * variable byte integer of 1 to 4 bytes) and the remaining length's bytes. The body is copied only up to
 * {@link #MAX_KEPT} bytes: a PUBLISH's payload beyond that is counted and skipped, never buffered, so that state stays
 * bounded whatever the remaining length says.
 *
 * <p>Resynchronisation policy. MQTT has no start marker, so the framer only trusts a boundary it has followed from
 * the start or found by {@linkplain #plausibleAt hunting}:
 * <ul>
 *   <li>a packet whose type or flags are invalid but whose remaining length is well-formed is handed on (the
 *       decoder reports it malformed) and skipped by its length: the boundaries hold;</li>
 *   <li>a remaining length longer than 4 bytes or above {@link #MAX_REMAINING} loses the boundaries: reported once
 *       through {@link Listener#framingLost}, the rest of the delivery is dropped and the direction hunts;</li>
 *   <li>the flow's start (the capture may begin mid-connection) and every gap also start a hunt, silently;</li>
 *   <li>hunting judges each delivery from its first byte: it is taken when it begins with a chain of valid fixed
 *       headers that ends exactly at the delivery's end, or with one valid PUBLISH (readable topic) or CONNECT
 *       (MQTT/MQIsdp name) that continues past it; otherwise the whole delivery is dropped. Senders start a TCP
 *       segment with a packet far more often than not, so the hunt ends at the next such segment. A delivery too
 *       short to judge (within the fixed header, or the start of that PUBLISH or CONNECT) is held, at most
 *       {@link #HELD} bytes, and judged with the next.</li>
 * </ul>
 */
final class MqttFramer {

    interface Listener {
        /**
         * A complete packet; {@code body} holds its first {@code kept} bytes of {@code remainingLength} and is only
         * valid during the call.
         */
        void packet(int typeAndFlags, int remainingLength, byte[] body, int offset, int kept, long timestampMicros);

        /** The packet boundaries are lost (see the class comment); the framer hunts from the next delivery. */
        void framingLost(String reason, long timestampMicros);

        /** The flow's protocol level as far as known (0 = unknown), for the hunt's type checks. */
        int level();
    }

    /** The largest remaining length accepted (MQTT allows 268,435,455; brokers cap far lower). */
    static final int MAX_REMAINING = 16 * 1024 * 1024;
    /** The most body bytes kept of one packet (a topic is at most 65,537 bytes with its length). */
    static final int MAX_KEPT = 256 * 1024;
    static final int HELD = 64;
    private static final int HUNT_DEPTH = 16;

    private final Listener listener;
    private final byte[] header = new byte[5];
    private int headerLength;
    private int remaining;
    private int received;
    private int kept;
    private int keep;
    private byte[] body = new byte[256];
    private long packetMicros;
    private boolean inBody;
    private boolean hunting = true;
    private final byte[] held = new byte[HELD];
    private int heldLength;
    private long droppedDeliveries;

    MqttFramer(Listener listener) {
        this.listener = listener;
    }

    /** Bytes held for the packet being read (its body buffer and any held hunting bytes); for tests. */
    int heldCapacity() {
        return body.length + held.length;
    }

    boolean hunting() {
        return hunting;
    }

    /** Deliveries dropped while hunting since the last packet was framed. */
    long droppedDeliveries() {
        return droppedDeliveries;
    }

    /** Bytes of an unfinished packet (header and body), 0 between packets or while hunting. */
    long partialBytes() {
        return hunting ? 0 : headerLength + (long) received;
    }

    int partialRemaining() {
        return remaining;
    }

    int partialType() {
        return headerLength > 0 ? (header[0] & 0xFF) >> 4 : -1;
    }

    long partialMicros() {
        return packetMicros;
    }

    /** Bytes of this direction were lost: drop the partial packet and hunt. */
    void onGap() {
        reset();
        hunting = true;
        heldLength = 0;
    }

    void onData(byte[] b, int offset, int length, long ts) {
        int p = offset;
        int end = offset + length;
        if (hunting) {
            if (heldLength > 0) {
                byte[] joined = new byte[heldLength + length];
                System.arraycopy(held, 0, joined, 0, heldLength);
                System.arraycopy(b, offset, joined, heldLength, length);
                b = joined;
                p = 0;
                end = joined.length;
                heldLength = 0;
            }
            int verdict = plausibleAt(b, p, end, listener.level());
            if (verdict == UNDECIDED && end - p <= HELD) {
                System.arraycopy(b, p, held, 0, end - p);
                heldLength = end - p;
                return;
            }
            if (verdict != YES) {
                droppedDeliveries++;
                return;
            }
            hunting = false;
            reset();
        }
        while (p < end && !hunting) {
            p = inBody ? body(b, p, end) : header(b, p, end, ts);
        }
    }

    private void reset() {
        headerLength = 0;
        inBody = false;
        received = 0;
        kept = 0;
        remaining = 0;
    }

    private int header(byte[] b, int p, int end, long ts) {
        if (headerLength == 0) {
            packetMicros = ts;
        }
        while (p < end) {
            byte x = b[p++];
            header[headerLength++] = x;
            if (headerLength == 1) {
                continue;
            }
            if ((x & 0x80) == 0) {
                int value = 0;
                for (int i = 1; i < headerLength; i++) {
                    value |= (header[i] & 0x7F) << (7 * (i - 1));
                }
                if (value > MAX_REMAINING) {
                    lose("remaining length " + value + " of a packet of type " + ((header[0] & 0xFF) >> 4)
                            + " exceeds the " + MAX_REMAINING + "-byte limit");
                    return end;
                }
                remaining = value;
                received = 0;
                kept = 0;
                int type = (header[0] & 0xFF) >> 4;
                keep = type == MqttPacketType.PUBLISH.code || value <= MAX_KEPT ? Math.min(value, MAX_KEPT) : 0;
                inBody = true;
                if (value == 0) {
                    complete();
                }
                return p;
            }
            if (headerLength == 5) {
                lose("remaining length of a packet of type " + ((header[0] & 0xFF) >> 4)
                        + " continues past 4 bytes");
                return end;
            }
        }
        return p;
    }

    private int body(byte[] b, int p, int end) {
        int take = Math.min(remaining - received, end - p);
        int copy = Math.min(take, keep - kept);
        if (copy > 0) {
            if (body.length < kept + copy) {
                byte[] bigger = new byte[Math.min(Math.max(kept + copy, body.length * 2), MAX_KEPT)];
                System.arraycopy(body, 0, bigger, 0, kept);
                body = bigger;
            }
            System.arraycopy(b, p, body, kept, copy);
            kept += copy;
        }
        received += take;
        p += take;
        if (received == remaining) {
            complete();
        }
        return p;
    }

    private void complete() {
        int typeAndFlags = header[0] & 0xFF;
        int n = remaining;
        int k = kept;
        reset();
        droppedDeliveries = 0;
        listener.packet(typeAndFlags, n, body, 0, k, packetMicros);
    }

    private void lose(String reason) {
        long ts = packetMicros;
        reset();
        hunting = true;
        listener.framingLost(reason, ts);
    }

    static final int YES = 1;
    static final int NO = 0;
    static final int UNDECIDED = -1;

    /** Whether a packet plausibly starts at {@code p} (see the class comment). */
    static int plausibleAt(byte[] b, int p, int end, int level) {
        for (int depth = 0; depth < HUNT_DEPTH; depth++) {
            if (p == end) {
                return YES;
            }
            int tf = b[p] & 0xFF;
            MqttPacketType type = MqttPacketType.of(tf >> 4);
            if (!type.allowedAt(level) || type.flagProblem(tf & 0x0F) != null) {
                return NO;
            }
            int value = 0;
            int i = 1;
            boolean done = false;
            while (i <= 4 && p + i < end) {
                int x = b[p + i] & 0xFF;
                value |= (x & 0x7F) << (7 * (i - 1));
                i++;
                if ((x & 0x80) == 0) {
                    done = true;
                    break;
                }
            }
            if (!done) {
                if (i > 4) {
                    return NO;
                }
                return depth == 0 ? UNDECIDED : YES;
            }
            if (value > MAX_REMAINING) {
                return NO;
            }
            int bodyStart = p + i;
            long next = (long) bodyStart + value;
            if (next > end) {
                if (depth > 0) {
                    return YES;
                }
                return switch (type) {
                    case PUBLISH -> end - bodyStart < 3 ? UNDECIDED : readableTopic(b, bodyStart, end, value) ? YES : NO;
                    case CONNECT -> end - bodyStart < 10 ? UNDECIDED
                            : MqttDecoderFactory.connectNameAt(b, bodyStart, end) ? YES : NO;
                    default -> NO;
                };
            }
            p = (int) next;
        }
        return YES;
    }

    private static boolean readableTopic(byte[] b, int p, int end, int remaining) {
        if (end - p < 3) {
            return false;
        }
        int n = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
        if (n == 0 || n + 2 > remaining) {
            return false;
        }
        int last = Math.min(end, p + 2 + n);
        for (int i = p + 2; i < last; i++) {
            int c = b[i] & 0xFF;
            if (c < 0x20 || c == 0x7F) {
                return false;
            }
        }
        return true;
    }
}
