package io.otsoc.collector.dissect;

/**
 * Reassembles IPv4 and IPv6 fragments into whole datagrams, within fixed bounds: at most {@code maxPending}
 * datagrams in progress (the oldest is dropped beyond it) and each one dropped when not complete
 * {@code timeoutMicros} after its first fragment (capture time). Overlapping bytes keep the first copy received,
 * tracked per 8-byte fragment block. Buffers are allocated once per slot and reused.
 */
public final class FragmentReassembler {

    /** What one fragment did. */
    public enum Result {
        /** Stored; the datagram is not complete yet. */
        HELD,
        /** The datagram is complete: see {@link #datagram()} and {@link #datagramLength()}. */
        COMPLETE,
        /** A non-final fragment not a multiple of 8 bytes, an empty one, or a length that contradicts the others. */
        BAD_LENGTH,
        /** The datagram would exceed 65,535 bytes. */
        TOO_LARGE
    }

    /** Largest reassembled payload: the IP length fields cannot describe more. */
    static final int MAX_DATAGRAM = 65_535;
    private static final int BLOCKS = (MAX_DATAGRAM + 7) / 8 + 1;

    private final Slot[] slots;
    private final long timeoutMicros;
    private byte[] completed;
    private int completedLength;
    private int completedNextHeader;
    private long completedDatagrams;
    private long droppedDatagrams;

    public FragmentReassembler(int maxPending, long timeoutMicros) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1, was " + maxPending);
        }
        this.slots = new Slot[maxPending];
        this.timeoutMicros = timeoutMicros;
    }

    /**
     * Adds one fragment.
     *
     * @param version        4 or 6
     * @param id             IPv4 identification or IPv6 fragment identification
     * @param proto          IPv4 protocol; for IPv6 the fragment header's next header
     * @param fragmentOffset byte offset of this fragment's data in the datagram
     * @param moreFragments  the MF / M flag
     */
    public Result add(int version, long srcHi, long srcLo, long dstHi, long dstLo, int id, int proto,
                      int fragmentOffset, boolean moreFragments, byte[] buf, int off, int len, long nowMicros) {
        expire(nowMicros);
        int end = fragmentOffset + len;
        if (end > MAX_DATAGRAM) {
            drop(find(version, srcHi, srcLo, dstHi, dstLo, id, proto));
            return Result.TOO_LARGE;
        }
        if (moreFragments && (len == 0 || (len & 7) != 0)) {
            return Result.BAD_LENGTH;
        }
        Slot slot = find(version, srcHi, srcLo, dstHi, dstLo, id, proto);
        if (slot == null) {
            slot = claim(nowMicros);
            slot.start(version, srcHi, srcLo, dstHi, dstLo, id, proto, nowMicros);
        }
        if (!moreFragments) {
            if ((slot.totalLength >= 0 && slot.totalLength != end) || slot.maxEnd > end) {
                drop(slot);
                return Result.BAD_LENGTH;
            }
            slot.totalLength = end;
        } else if (slot.totalLength >= 0 && end > slot.totalLength) {
            drop(slot);
            return Result.BAD_LENGTH;
        }
        if (fragmentOffset == 0) {
            slot.firstNextHeader = proto;
        }
        slot.store(buf, off, fragmentOffset, len);
        if (slot.complete()) {
            completed = slot.data;
            completedLength = slot.totalLength;
            completedNextHeader = slot.firstNextHeader;
            slot.used = false;
            completedDatagrams++;
            return Result.COMPLETE;
        }
        return Result.HELD;
    }

    /** The last completed datagram's bytes from offset 0; valid until the next {@link #add}. */
    public byte[] datagram() {
        return completed;
    }

    public int datagramLength() {
        return completedLength;
    }

    /** For IPv6: the next header of the first fragment's fragment header. */
    public int datagramNextHeader() {
        return completedNextHeader;
    }

    public long completedDatagrams() {
        return completedDatagrams;
    }

    /** Datagrams given up: timed out, pushed out by newer ones, or with contradictory lengths. */
    public long droppedDatagrams() {
        return droppedDatagrams;
    }

    public int pending() {
        int n = 0;
        for (Slot s : slots) {
            if (s != null && s.used) {
                n++;
            }
        }
        return n;
    }

    private Slot find(int version, long srcHi, long srcLo, long dstHi, long dstLo, int id, int proto) {
        for (Slot s : slots) {
            if (s != null && s.used && s.id == id && s.srcLo == srcLo && s.dstLo == dstLo && s.version == version
                    && s.srcHi == srcHi && s.dstHi == dstHi && (version == 6 || s.proto == proto)) {
                return s;
            }
        }
        return null;
    }

    private Slot claim(long nowMicros) {
        Slot oldest = null;
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[i];
            if (s == null) {
                s = new Slot();
                slots[i] = s;
                return s;
            }
            if (!s.used) {
                return s;
            }
            if (oldest == null || s.firstSeen < oldest.firstSeen) {
                oldest = s;
            }
        }
        drop(oldest);
        return oldest;
    }

    private void expire(long nowMicros) {
        for (Slot s : slots) {
            if (s != null && s.used && nowMicros - s.firstSeen > timeoutMicros) {
                drop(s);
            }
        }
    }

    private void drop(Slot s) {
        if (s != null && s.used) {
            s.used = false;
            droppedDatagrams++;
        }
    }

    private static final class Slot {
        boolean used;
        int version;
        long srcHi;
        long srcLo;
        long dstHi;
        long dstLo;
        int id;
        int proto;
        int firstNextHeader;
        long firstSeen;
        int totalLength;
        int maxEnd;
        int blocksSet;
        final byte[] data = new byte[MAX_DATAGRAM];
        final long[] blocks = new long[(BLOCKS + 63) / 64];

        void start(int version, long srcHi, long srcLo, long dstHi, long dstLo, int id, int proto, long now) {
            this.used = true;
            this.version = version;
            this.srcHi = srcHi;
            this.srcLo = srcLo;
            this.dstHi = dstHi;
            this.dstLo = dstLo;
            this.id = id;
            this.proto = proto;
            this.firstNextHeader = -1;
            this.firstSeen = now;
            this.totalLength = -1;
            this.maxEnd = 0;
            this.blocksSet = 0;
            java.util.Arrays.fill(blocks, 0L);
        }

        /** Copies the bytes of the blocks not received yet: the first copy of a block wins. */
        void store(byte[] buf, int off, int fragmentOffset, int len) {
            int end = fragmentOffset + len;
            maxEnd = Math.max(maxEnd, end);
            int block = fragmentOffset >>> 3;
            int lastBlock = (end - 1) >>> 3;
            for (int b = block; b <= lastBlock && len > 0; b++) {
                long bit = 1L << (b & 63);
                if ((blocks[b >>> 6] & bit) != 0) {
                    continue;
                }
                blocks[b >>> 6] |= bit;
                blocksSet++;
                int from = Math.max(fragmentOffset, b << 3);
                int to = Math.min(end, (b << 3) + 8);
                System.arraycopy(buf, off + (from - fragmentOffset), data, from, to - from);
            }
        }

        boolean complete() {
            return totalLength >= 0 && blocksSet == (totalLength + 7) >>> 3 && firstNextHeader >= 0;
        }
    }
}
