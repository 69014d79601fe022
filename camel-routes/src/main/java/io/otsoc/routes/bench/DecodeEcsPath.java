package io.otsoc.routes.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.mappings.ecs.EcsJsonFactory;
import io.otsoc.mappings.ecs.EcsMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * (c) Decode + ECS: the collector as in (b), and every record serialised by {@link EcsMapper} as NDJSON (one
 * document per line) through one generator of {@link EcsJsonFactory}, as in production, into a sink that only
 * counts the bytes. All on the calling thread:
 * the per-core figure of the project's target.
 */
final class DecodeEcsPath implements MeasuredPath {

    private static final JsonFactory NDJSON = new EcsJsonFactory("\n");

    private final EcsMapper mapper = new EcsMapper(CollectorConfig.defaults().observerName());

    @Override
    public String label() {
        return "(c) decode + ECS to a null sink";
    }

    @Override
    public boolean onCallingThread() {
        return true;
    }

    @Override
    public PathRun run(Path corpus) {
        ByteCount bytes = new ByteCount();
        DecodePath.RecordCount count = new DecodePath.RecordCount();
        try (JsonGenerator out = NDJSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            CollectorStats stats = DecodePath.decode(corpus, record -> {
                count.accept(record);
                write(record, out);
            });
            out.flush();
            return new PathRun(stats.frames(), stats.bytes(), count.events, count.records, bytes.count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(DomainRecord record, JsonGenerator out) {
        try {
            mapper.write(record, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
