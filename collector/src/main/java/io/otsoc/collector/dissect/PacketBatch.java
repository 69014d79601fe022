package io.otsoc.collector.dissect;

/**
 * Dissected packets on their way from the dissecting thread to a worker: each slot is a reusable {@link Packet}
 * whose payload lives in one shared arena, so a batch is allocated once and recycled. Not thread-safe: filled by
 * one thread, handed over through a queue (which orders the writes before the reads), then read by one thread.
 */
public final class PacketBatch {

    private final Packet[] packets;
    private final PacketKind[] kinds;
    private final byte[] arena;
    private int size;
    private int used;

    public PacketBatch(int capacity, int arenaBytes) {
        packets = new Packet[capacity];
        kinds = new PacketKind[capacity];
        for (int i = 0; i < capacity; i++) {
            packets[i] = new Packet();
        }
        arena = new byte[arenaBytes];
    }

    /**
     * Copies a packet in, its payload into the arena; false when the batch is full (then nothing is copied). A
     * payload larger than the whole arena is copied cut to the arena's size, with the packet's wire length kept
     * (as a capture cut by its snap length would be).
     */
    public boolean add(Packet p, PacketKind kind) {
        int n = Math.min(p.payloadLength, arena.length);
        if (size == packets.length || (used + n > arena.length && size > 0)) {
            return false;
        }
        System.arraycopy(p.buffer, p.payloadOffset, arena, used, n);
        Packet copy = packets[size];
        copy.copyFrom(p, arena, used);
        copy.payloadLength = n;
        kinds[size] = kind;
        used += n;
        size++;
        return true;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The packet in slot {@code i}; valid until the batch is cleared. */
    public Packet packet(int i) {
        return packets[i];
    }

    public PacketKind kind(int i) {
        return kinds[i];
    }

    public void clear() {
        size = 0;
        used = 0;
    }
}
