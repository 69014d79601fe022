package io.otsoc.routes.cli;

import io.otsoc.collector.capture.CaptureException;
import io.otsoc.collector.capture.FrameHandler;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.capture.SourceReport;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.routes.delivery.DocumentSink;
import io.otsoc.routes.pipeline.DocumentEncoder;
import io.otsoc.routes.pipeline.ListRecordSource;
import io.otsoc.routes.pipeline.RecordSource;
import io.otsoc.routes.pipeline.RecordingSink;
import io.otsoc.routes.pipeline.SequenceEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Stand-ins for the command's parts. Opening checks what the capture contract promises to check up front (the file
 * exists and starts with a pcap or pcapng magic number); the collector emits fixed records; OpenSearch is a
 * recording sink and a node that only remembers where its data would live.
 */
final class StandInParts implements AnalysisParts {

    final List<DomainRecord> records;
    final List<Path> dataDirs = new ArrayList<>();
    final List<String> sinkUrls = new ArrayList<>();
    RecordingSink openSearchSink;
    boolean nodeClosed;
    int refusals;

    StandInParts(List<DomainRecord> records) {
        this.records = records;
    }

    @Override
    public PacketSource openCaptures(List<Path> inputs) {
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new CaptureException(input + ": no such file or directory");
            }
            if (!startsWithCaptureMagic(input)) {
                throw new CaptureException(input + ": not a pcap or pcapng capture");
            }
        }
        return new IdlePacketSource(inputs.get(0).toString());
    }

    @Override
    public RecordSource collector(PacketSource packets, int workers) {
        return new ListRecordSource(records);
    }

    @Override
    public DocumentEncoder encoder(String observerName) {
        return new SequenceEncoder();
    }

    @Override
    public SearchNode startEmbeddedOpenSearch(Path dataDir) {
        dataDirs.add(dataDir);
        return new SearchNode() {
            @Override
            public String url() {
                return "http://127.0.0.1:9251";
            }

            @Override
            public void close() {
                nodeClosed = true;
            }
        };
    }

    @Override
    public DocumentSink openSearch(String url) {
        sinkUrls.add(url);
        openSearchSink = new RecordingSink(url).refusing(refusals);
        return openSearchSink;
    }

    private static boolean startsWithCaptureMagic(Path file) {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int magic = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        return switch (magic) {
            case 0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a -> true;
            default -> false;
        };
    }

    /** Never read: the stand-in collector does not touch it. */
    private static final class IdlePacketSource implements PacketSource {
        private final String name;

        IdlePacketSource(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void run(FrameHandler handler) {
            throw new AssertionError("the stand-in collector never reads frames");
        }

        @Override
        public void stop() {
        }

        @Override
        public SourceReport report() {
            return new SourceReport(0, 0, 0, List.of());
        }

        @Override
        public void close() {
        }
    }
}
