package io.otsoc.routes.pipeline;

import io.otsoc.collector.model.DomainRecord;
import io.otsoc.routes.delivery.EcsDocument;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a {@link RecordBatch} to a {@link DocumentBatch}: every record is serialised once, here, and the bytes are
 * shared by all sinks. A record the mapping refuses is counted and left out; it never stops the run.
 */
final class MapToEcs implements Processor {

    private final DocumentEncoder encoder;
    private final RecordTally tally;

    MapToEcs(DocumentEncoder encoder, RecordTally tally) {
        this.encoder = encoder;
        this.tally = tally;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        RecordBatch batch = exchange.getMessage().getMandatoryBody(RecordBatch.class);
        List<EcsDocument> documents = new ArrayList<>(batch.size());
        for (DomainRecord record : batch.records()) {
            tally.count(record);
            try {
                documents.add(encoder.encode(record));
            } catch (RuntimeException e) {
                tally.unmapped(record, e);
            }
        }
        tally.mapped(documents.size());
        exchange.getMessage().setBody(new DocumentBatch(batch.sequence(), documents));
    }
}
