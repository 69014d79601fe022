package io.otsoc.mappings.ecs;

import java.util.function.Function;

/**
 * A per-thread cache keyed by object identity, for values derived from objects that recur by reference: field
 * names and actions (decoders pass string literals) and flows (one {@code FlowRef} per flow). An open-addressing
 * table with linear probing, so keys that hash alike still all fit; unlike a direct-mapped table, where two of the
 * hundred-odd field names the decoders use sharing a slot made every document re-encode both. It grows up to
 * {@code maxEntries} and then starts again empty, which bounds its memory when keys are not literals (names built at
 * run time, a capture with millions of flows). Not thread-safe.
 *
 * @param <K> the key, compared by identity
 * @param <V> the cached value
 */
final class IdentityCache<K, V> {

    private static final int FIRST_CAPACITY = 64;

    private final int maxEntries;
    private Object[] keys;
    private Object[] values;
    private int size;

    /** @param maxEntries entries kept at most before the cache starts again; at least 1 */
    IdentityCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
        clear(FIRST_CAPACITY);
    }

    /** The value cached for {@code key}, computed by {@code compute} (and kept) when absent. */
    @SuppressWarnings("unchecked")
    V get(K key, Function<? super K, ? extends V> compute) {
        Object[] k = keys;
        int mask = k.length - 1;
        int slot = System.identityHashCode(key) & mask;
        Object at;
        while ((at = k[slot]) != null) {
            if (at == key) {
                return (V) values[slot];
            }
            slot = (slot + 1) & mask;
        }
        V value = compute.apply(key);
        put(key, value);
        return value;
    }

    /** Entries held now (for tests). */
    int size() {
        return size;
    }

    private void put(K key, V value) {
        if (size >= maxEntries) {
            clear(keys.length);
        } else if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(key, value);
    }

    private void insert(Object key, Object value) {
        int mask = keys.length - 1;
        int slot = System.identityHashCode(key) & mask;
        while (keys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
        size++;
    }

    private void grow() {
        Object[] oldKeys = keys;
        Object[] oldValues = values;
        clear(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private void clear(int capacity) {
        keys = new Object[capacity];
        values = new Object[capacity];
        size = 0;
    }
}
