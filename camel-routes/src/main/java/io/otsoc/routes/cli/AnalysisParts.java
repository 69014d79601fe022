package io.otsoc.routes.cli;

import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.routes.delivery.DocumentSink;
import io.otsoc.routes.opensearch.EmbeddedOpenSearch;
import io.otsoc.routes.opensearch.OpenSearchSink;
import io.otsoc.routes.pipeline.CollectorSource;
import io.otsoc.routes.pipeline.DocumentEncoder;
import io.otsoc.routes.pipeline.EcsDocumentEncoder;
import io.otsoc.routes.pipeline.RecordSource;

import java.nio.file.Path;
import java.util.List;

/**
 * The parts {@code otsoc analyze} is built from. {@link #production()} gives the real ones (capture readers,
 * collector, ECS mapper, OpenSearch); tests substitute any of them.
 */
public interface AnalysisParts {

    /** Opens the captures, checking every file before any frame is read. */
    PacketSource openCaptures(List<Path> inputs);

    /** The collector over the opened captures, on one thread or sharded over {@code workers} threads. */
    RecordSource collector(PacketSource packets, int workers);

    /** The ECS encoder for the given sensor name. */
    DocumentEncoder encoder(String observerName);

    /** Starts a single-node OpenSearch with its data under {@code dataDir}; returns once it answers. */
    SearchNode startEmbeddedOpenSearch(Path dataDir);

    /** A sink indexing into the OpenSearch at {@code url}. */
    DocumentSink openSearch(String url);

    static AnalysisParts production() {
        return new AnalysisParts() {
            @Override
            public PacketSource openCaptures(List<Path> inputs) {
                return CaptureFiles.open(inputs);
            }

            @Override
            public RecordSource collector(PacketSource packets, int workers) {
                return new CollectorSource(packets, CollectorConfig.defaults(), workers);
            }

            @Override
            public DocumentEncoder encoder(String observerName) {
                return new EcsDocumentEncoder(observerName);
            }

            @Override
            public SearchNode startEmbeddedOpenSearch(Path dataDir) {
                EmbeddedOpenSearch node = EmbeddedOpenSearch.start(dataDir);
                return new SearchNode() {
                    @Override
                    public String url() {
                        return node.url();
                    }

                    @Override
                    public void close() {
                        node.close();
                    }
                };
            }

            @Override
            public DocumentSink openSearch(String url) {
                return new OpenSearchSink(url);
            }
        };
    }
}
