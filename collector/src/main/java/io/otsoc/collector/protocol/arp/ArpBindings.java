package io.otsoc.collector.protocol.arp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IPv4-to-MAC bindings ARP senders announced, per VLAN (the same subnet may be reused on another VLAN), least
 * recently used first out beyond a fixed capacity, so that a scan of a /8 cannot grow it without bound.
 */
final class ArpBindings {

    static final int DEFAULT_CAPACITY = 65536;

    /** What {@link #bind} found: the previous MAC of the address, or {@link #NEW} / {@link #SAME}. */
    static final long NEW = -1;
    static final long SAME = -2;

    private final LinkedHashMap<Long, Long> byIp;

    ArpBindings(int capacity) {
        int limit = Math.max(1, capacity);
        byIp = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                return size() > limit;
            }
        };
    }

    /**
     * Binds {@code ip} on {@code vlan} (-1 untagged) to {@code mac}; returns the MAC it moved from, {@link #NEW} or
     * {@link #SAME}.
     */
    long bind(int vlan, int ip, long mac) {
        Long previous = byIp.put((long) (vlan & 0xffff) << 32 | ip & 0xffffffffL, mac);
        if (previous == null) {
            return NEW;
        }
        return previous == mac ? SAME : previous;
    }

    int size() {
        return byIp.size();
    }
}
