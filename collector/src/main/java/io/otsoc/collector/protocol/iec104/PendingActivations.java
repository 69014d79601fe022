package io.otsoc.collector.protocol.iec104;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.Direction;

/**
 * Activations (commands, interrogations, clock synchronization, STARTDT/STOPDT/TESTFR act) waiting for their
 * confirmation, then for their termination. Keyed by kind (type identification, or a U function), common address
 * and first object address; at most {@link #capacity} entries, the oldest evicted first.
 */
final class PendingActivations {

    static final class Entry {
        int kind;
        int commonAddress;
        int address;
        int cause;
        Direction direction;
        long timestampMicros;
        /** The activation's event while it waits for its confirmation; null once reported. */
        OtEvent held;
        boolean used;
    }

    private final Entry[] entries;

    PendingActivations(int capacity) {
        entries = new Entry[capacity];
        for (int i = 0; i < capacity; i++) {
            entries[i] = new Entry();
        }
    }

    /**
     * The entry an answer from {@code from} refers to: same kind, common address and object address, sent the other
     * way; the newest first. Null if none.
     */
    Entry find(int kind, int commonAddress, int address, Direction from) {
        Entry best = null;
        for (Entry e : entries) {
            if (e.used && e.kind == kind && e.commonAddress == commonAddress && e.address == address
                    && e.direction != from && (best == null || e.timestampMicros >= best.timestampMicros)) {
                best = e;
            }
        }
        return best;
    }

    /** A free entry, or the oldest one after removing it (its held event, if any, is returned through evicted). */
    Entry add(int kind, int commonAddress, int address, int cause, Direction direction, long ts, OtEvent held,
              java.util.function.Consumer<OtEvent> evicted) {
        Entry slot = null;
        for (Entry e : entries) {
            if (e.used && e.kind == kind && e.commonAddress == commonAddress && e.address == address
                    && e.direction == direction) {
                slot = e;
                break;
            }
            if (!e.used && slot == null) {
                slot = e;
            }
        }
        if (slot == null) {
            slot = entries[0];
            for (Entry e : entries) {
                if (e.timestampMicros < slot.timestampMicros) {
                    slot = e;
                }
            }
        }
        if (slot.used && slot.held != null) {
            evicted.accept(slot.held);
        }
        slot.kind = kind;
        slot.commonAddress = commonAddress;
        slot.address = address;
        slot.cause = cause;
        slot.direction = direction;
        slot.timestampMicros = ts;
        slot.held = held;
        slot.used = true;
        return slot;
    }

    void remove(Entry e) {
        e.used = false;
        e.held = null;
    }

    /** Removes entries older than {@code before}, handing the held events to {@code expired}, oldest first. */
    void expire(long before, java.util.function.Consumer<OtEvent> expired) {
        while (true) {
            Entry oldest = null;
            for (Entry e : entries) {
                if (e.used && e.timestampMicros < before && (oldest == null || e.timestampMicros < oldest.timestampMicros)) {
                    oldest = e;
                }
            }
            if (oldest == null) {
                return;
            }
            if (oldest.held != null) {
                expired.accept(oldest.held);
            }
            remove(oldest);
        }
    }

    int size() {
        int n = 0;
        for (Entry e : entries) {
            if (e.used) {
                n++;
            }
        }
        return n;
    }
}
