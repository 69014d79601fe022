package io.otsoc.collector.protocol.modbus;

/**
 * Requests waiting for their response, keyed by (transaction id, unit id), oldest first, at most {@code capacity}.
 * A client rarely has more than a few requests outstanding, so a short array scanned linearly beats a hash map;
 * transaction objects are pooled and reused.
 */
final class PendingTransactions {

    private final Transaction[] waiting;
    /**
     * The keys of the first {@link #keyed} entries of {@link #waiting}, side by side, so that a lookup scans ints
     * rather than objects. An entry is keyed at the first lookup after it was added (and begun by the caller).
     */
    private final int[] keys;
    private int keyed;
    private final Transaction[] free;
    private int size;
    private int freeCount;

    PendingTransactions(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("pending transaction capacity must be at least 1, was " + capacity);
        }
        waiting = new Transaction[capacity];
        keys = new int[capacity];
        free = new Transaction[capacity];
    }

    static int key(int transactionId, int unitId) {
        return transactionId << 8 | unitId;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == waiting.length;
    }

    /** Removes and returns the request waiting under {@code key}, or null. */
    Transaction remove(int key) {
        for (; keyed < size; keyed++) {
            keys[keyed] = waiting[keyed].key;
        }
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                return removeAt(i);
            }
        }
        return null;
    }

    /** Removes and returns the oldest waiting request, or null when none waits. */
    Transaction removeOldest() {
        return size == 0 ? null : removeAt(0);
    }

    /** A cleared transaction appended as the newest; the caller makes room first ({@link #isFull()}). */
    Transaction add() {
        if (size == waiting.length) {
            throw new IllegalStateException("pending transaction table is full");
        }
        Transaction t = freeCount > 0 ? free[--freeCount] : new Transaction();
        waiting[size++] = t;
        return t;
    }

    /** Gives back a transaction returned by {@link #remove} or {@link #removeOldest} once it has been reported. */
    void release(Transaction t) {
        if (freeCount < free.length) {
            free[freeCount++] = t;
        }
    }

    private Transaction removeAt(int i) {
        Transaction t = waiting[i];
        System.arraycopy(waiting, i + 1, waiting, i, size - i - 1);
        if (i < keyed) {
            System.arraycopy(keys, i + 1, keys, i, keyed - i - 1);
            keyed--;
        }
        waiting[--size] = null;
        return t;
    }
}
