package io.otsoc.collector.flow;

import io.otsoc.collector.dissect.Packet;

/**
 * The flows being tracked: a chained hash table over the flows' own links (no entry objects) plus a recency list,
 * most recently seen first, from which idle flows time out and the least recently seen is evicted when full.
 */
final class FlowTable {

    private static final int MAX_BUCKETS = 1 << 22;

    private final int maxFlows;
    private Flow[] buckets = new Flow[1024];
    private int size;
    private int peak;
    private Flow newest;
    private Flow oldest;

    FlowTable(int maxFlows) {
        if (maxFlows < 1) {
            throw new IllegalArgumentException("maxFlows must be at least 1, was " + maxFlows);
        }
        this.maxFlows = maxFlows;
    }

    Flow find(Packet p, boolean srcIsA, int hash) {
        for (Flow f = buckets[hash & (buckets.length - 1)]; f != null; f = f.hashNext) {
            if (f.matches(p, srcIsA, hash)) {
                return f;
            }
        }
        return null;
    }

    void add(Flow f) {
        if (size >= buckets.length * 3 / 4 && buckets.length < MAX_BUCKETS) {
            grow();
        }
        int i = f.hash & (buckets.length - 1);
        f.hashNext = buckets[i];
        buckets[i] = f;
        size++;
        peak = Math.max(peak, size);
        linkNewest(f);
    }

    void remove(Flow f) {
        int i = f.hash & (buckets.length - 1);
        Flow prev = null;
        for (Flow c = buckets[i]; c != null; prev = c, c = c.hashNext) {
            if (c == f) {
                if (prev == null) {
                    buckets[i] = c.hashNext;
                } else {
                    prev.hashNext = c.hashNext;
                }
                c.hashNext = null;
                size--;
                unlink(f);
                return;
            }
        }
    }

    /** Marks the flow as just seen. */
    void touch(Flow f) {
        if (newest != f) {
            unlink(f);
            linkNewest(f);
        }
    }

    Flow oldest() {
        return oldest;
    }

    boolean full() {
        return size >= maxFlows;
    }

    int size() {
        return size;
    }

    int peak() {
        return peak;
    }

    private void linkNewest(Flow f) {
        f.older = newest;
        f.newer = null;
        if (newest != null) {
            newest.newer = f;
        }
        newest = f;
        if (oldest == null) {
            oldest = f;
        }
    }

    private void unlink(Flow f) {
        if (f.newer != null) {
            f.newer.older = f.older;
        } else {
            newest = f.older;
        }
        if (f.older != null) {
            f.older.newer = f.newer;
        } else {
            oldest = f.newer;
        }
        f.newer = null;
        f.older = null;
    }

    private void grow() {
        Flow[] old = buckets;
        Flow[] grown = new Flow[old.length * 2];
        for (Flow head : old) {
            for (Flow f = head; f != null; ) {
                Flow next = f.hashNext;
                int i = f.hash & (grown.length - 1);
                f.hashNext = grown[i];
                grown[i] = f;
                f = next;
            }
        }
        buckets = grown;
    }
}
