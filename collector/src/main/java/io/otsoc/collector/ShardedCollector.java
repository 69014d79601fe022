package io.otsoc.collector;

import io.otsoc.collector.asset.AssetInventory;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.dissect.Dissector;
import io.otsoc.collector.dissect.Packet;
import io.otsoc.collector.dissect.PacketBatch;
import io.otsoc.collector.dissect.PacketKind;
import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.protocol.DecoderRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The collector on several cores: the calling thread reads and dissects every frame (IP fragments are reassembled
 * there), and hands each TCP/UDP packet to one of {@code workers} threads chosen by its flow (a hash of both
 * endpoints, the transport and the VLAN, the same in both directions), so that every flow is followed, reassembled
 * and decoded by one worker in capture order. Non-IP frames (ARP, LLDP, GOOSE...) go to worker 0. Each worker has
 * its own flow table, decoders, inventory and sink; at the end the inventories are merged and the assets go to
 * worker 0's sink.
 *
 * <p>Memory is bounded: each worker has {@value #BATCHES_PER_WORKER} batches of {@value #BATCH_PACKETS} packets
 * that circulate between the reader and it; when a worker falls behind the reader waits. Events of different
 * flows may reach the sinks in a different order than a single collector's (each sink sees its flows in order).
 */
public final class ShardedCollector {

    static final int BATCH_PACKETS = 1024;
    static final int BATCH_ARENA = 1 << 20;
    static final int BATCHES_PER_WORKER = 4;

    private final CollectorConfig config;
    private final DecoderRegistry registry;
    private final int workers;

    public ShardedCollector(CollectorConfig config, DecoderRegistry registry, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.workers = workers;
    }

    /**
     * Runs the source to its end with one sink per worker ({@code sinks.apply(i)}, called once per worker on the
     * calling thread; each sink is then used by its worker thread only, and sink 0 also receives the assets after
     * every worker has finished). An exception thrown by a sink stops the run and is rethrown.
     */
    public CollectorStats run(PacketSource source, IntFunction<Consumer<DomainRecord>> sinks) {
        long start = System.nanoTime();
        List<Worker> pool = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            pool.add(new Worker(i, new FlowBackend(config, registry, sinks.apply(i))));
        }
        pool.forEach(Thread::start);
        Reader reader = new Reader(pool);
        RuntimeException failure = null;
        try {
            source.run(frame -> {
                reader.frames++;
                reader.bytes += frame.capturedLength();
                reader.onPacket(reader.dissector.dissect(frame, reader.packet));
            });
            reader.flushAll();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            for (Worker w : pool) {
                w.stopAfterQueued();
            }
            for (Worker w : pool) {
                w.awaitEnd();
                if (w.failure != null && failure == null) {
                    failure = w.failure;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        AssetInventory inventory = pool.get(0).backend.inventory();
        for (int i = 1; i < pool.size(); i++) {
            inventory.mergeFrom(pool.get(i).backend.inventory());
        }
        long assets = 0;
        Consumer<DomainRecord> first = pool.get(0).backend.sink();
        for (Asset asset : inventory.assets()) {
            first.accept(asset);
            assets++;
        }
        List<FlowBackend> backends = new ArrayList<>();
        pool.forEach(w -> backends.add(w.backend));
        return CollectorStatsBuilder.of(reader.frames, reader.bytes, reader.dissector, backends, assets,
                source.report(), System.nanoTime() - start);
    }

    /** The dissecting side: fills one batch per worker and sends it when full. */
    private static final class Reader {
        final Dissector dissector = new Dissector();
        final Packet packet = new Packet();
        final List<Worker> pool;
        final PacketBatch[] filling;
        long frames;
        long bytes;

        Reader(List<Worker> pool) {
            this.pool = pool;
            this.filling = new PacketBatch[pool.size()];
        }

        void onPacket(PacketKind kind) {
            int shard;
            if (kind == PacketKind.TCP || kind == PacketKind.UDP) {
                shard = shardOf(packet, pool.size());
            } else if (kind == PacketKind.NON_IP) {
                shard = 0;
            } else {
                return;
            }
            Worker w = pool.get(shard);
            if (filling[shard] == null) {
                filling[shard] = w.takeFree();
            }
            if (!filling[shard].add(packet, kind)) {
                w.send(filling[shard]);
                filling[shard] = w.takeFree();
                filling[shard].add(packet, kind);
            }
        }

        void flushAll() {
            for (int i = 0; i < filling.length; i++) {
                if (filling[i] != null && !filling[i].isEmpty()) {
                    pool.get(i).send(filling[i]);
                    filling[i] = null;
                }
            }
        }
    }

    /** A worker for a packet: the same for both directions of a flow. */
    static int shardOf(Packet p, int workers) {
        if (workers == 1) {
            return 0;
        }
        long h = (p.srcLo() ^ p.dstLo()) * 0x9E3779B97F4A7C15L;
        h ^= (p.srcHi() ^ p.dstHi()) * 0xC2B2AE3D27D4EB4FL;
        h ^= ((long) (p.srcPort() ^ p.dstPort()) << 24 | (long) p.ipProto() << 16 | (p.vlanId() & 0xFFFF))
                * 0x165667B19E3779F9L;
        h ^= h >>> 29;
        return (int) Long.remainderUnsigned(h, workers);
    }

    /** One worker thread and the two queues its batches circulate through. */
    private static final class Worker extends Thread {
        private static final PacketBatch END = new PacketBatch(0, 0);

        final FlowBackend backend;
        private final BlockingQueue<PacketBatch> full = new ArrayBlockingQueue<>(BATCHES_PER_WORKER + 1);
        private final BlockingQueue<PacketBatch> free = new ArrayBlockingQueue<>(BATCHES_PER_WORKER);
        volatile RuntimeException failure;

        Worker(int index, FlowBackend backend) {
            super("otsoc-worker-" + index);
            setDaemon(true);
            this.backend = backend;
            for (int i = 0; i < BATCHES_PER_WORKER; i++) {
                free.add(new PacketBatch(BATCH_PACKETS, BATCH_ARENA));
            }
        }

        @Override
        public void run() {
            try {
                for (PacketBatch batch = full.take(); batch != END; batch = full.take()) {
                    if (failure == null) {
                        for (int i = 0; i < batch.size(); i++) {
                            backend.onPacket(batch.packet(i), batch.kind(i));
                        }
                    }
                    batch.clear();
                    free.put(batch);
                }
                if (failure == null) {
                    backend.closeAll();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("worker " + getName() + " interrupted", e);
            } catch (RuntimeException e) {
                failure = e;
                // keep recycling batches so that the reader is not left waiting
                drain();
            }
        }

        private void drain() {
            try {
                for (PacketBatch batch = full.take(); batch != END; batch = full.take()) {
                    batch.clear();
                    free.put(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        PacketBatch takeFree() {
            try {
                return free.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + getName(), e);
            }
        }

        void send(PacketBatch batch) {
            try {
                full.put(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing packets to " + getName(), e);
            }
        }

        void stopAfterQueued() {
            send(END);
        }

        void awaitEnd() {
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + getName(), e);
            }
        }
    }
}
