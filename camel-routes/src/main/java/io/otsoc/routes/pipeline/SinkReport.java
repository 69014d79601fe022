package io.otsoc.routes.pipeline;

import java.util.List;

/**
 * What one sink took in a run.
 *
 * @param sink            the sink's name (file path, node URL)
 * @param delivered       documents the destination accepted
 * @param rejected        documents it refused one by one
 * @param firstRejections the first few refusals, one line each
 */
public record SinkReport(String sink, long delivered, long rejected, List<String> firstRejections) {

    public SinkReport {
        firstRejections = List.copyOf(firstRejections);
    }
}
