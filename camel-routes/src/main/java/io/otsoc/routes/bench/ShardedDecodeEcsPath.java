package io.otsoc.routes.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.ShardedCollector;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.DecoderRegistry;
import io.otsoc.mappings.ecs.EcsJsonFactory;
import io.otsoc.mappings.ecs.EcsMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * (e) Decode + ECS on worker threads: the {@link ShardedCollector} dissects on the calling thread and hands whole
 * flows to {@code workers} threads, each decoding and serialising its records to ECS NDJSON with its own mapper and
 * generator into a sink that counts the bytes, as (c) does on one thread.
 */
final class ShardedDecodeEcsPath implements MeasuredPath {

    private static final JsonFactory NDJSON = new EcsJsonFactory("\n");

    private final int workers;

    ShardedDecodeEcsPath(int workers) {
        this.workers = workers;
    }

    @Override
    public String label() {
        return "(e) decode + ECS, dissect thread + " + workers + (workers == 1 ? " worker" : " workers");
    }

    @Override
    public boolean onCallingThread() {
        return false;
    }

    @Override
    public PathRun run(Path corpus) {
        List<Worker> sinks = new ArrayList<>();
        CollectorStats stats;
        try (PacketSource source = CaptureFiles.open(List.of(corpus))) {
            stats = new ShardedCollector(CollectorConfig.defaults(), DecoderRegistry.discover(), workers)
                    .run(source, i -> {
                        Worker w = new Worker();
                        sinks.add(w);
                        return w;
                    });
        }
        long events = 0;
        long records = 0;
        long bytes = 0;
        for (Worker w : sinks) {
            w.close();
            events += w.events;
            records += w.records;
            bytes += w.bytes.count;
        }
        return new PathRun(stats.frames(), stats.bytes(), events, records, bytes);
    }

    /** One worker's serialiser: its own mapper and generator, used by that worker's thread only. */
    private static final class Worker implements Consumer<DomainRecord> {
        final ByteCount bytes = new ByteCount();
        final EcsMapper mapper = new EcsMapper(CollectorConfig.defaults().observerName());
        final JsonGenerator out;
        long events;
        long records;

        Worker() {
            try {
                out = NDJSON.createGenerator(bytes, JsonEncoding.UTF8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void accept(DomainRecord record) {
            records++;
            if (record instanceof OtEvent) {
                events++;
            }
            try {
                mapper.write(record, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Discards what it is given, counting the bytes. */
    private static final class ByteCount extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
