package io.otsoc.routes.pipeline;

import io.otsoc.collector.model.DomainRecord;
import io.otsoc.routes.delivery.EcsDocument;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Maps a {@link RecordBatch} to a {@link DocumentBatch}: every record is serialised once, here, and the bytes are
 * shared by all sinks. A record the mapping refuses is counted and left out; it never stops the run.
 *
 * <p>Serialisation is most of a record's cost after decoding, so a large batch is cut into consecutive slices
 * mapped at the same time: the first on the route's thread, each other one by a helper thread with its own
 * {@link DocumentEncoder#twin() twin} of the encoder. The slices are joined in order, so documents keep the
 * collector's order, and per-flow order with it.
 */
final class MapToEcs implements Processor {

    /** Below this many records per slice, handing work to another thread costs more than it saves. */
    static final int MIN_SLICE = 256;

    private final DocumentEncoder encoder;
    private final List<DocumentEncoder> helpers;
    private final Executor helperThreads;
    private final RecordTally tally;

    /** Maps on the route's thread only. */
    MapToEcs(DocumentEncoder encoder, RecordTally tally) {
        this(encoder, List.of(), Runnable::run, tally);
    }

    /**
     * @param helpers       one encoder per helper thread, each a twin of {@code encoder}; empty to map alone
     * @param helperThreads runs the helpers' slices; at least {@code helpers.size()} threads
     */
    MapToEcs(DocumentEncoder encoder, List<DocumentEncoder> helpers, Executor helperThreads, RecordTally tally) {
        this.encoder = encoder;
        this.helpers = List.copyOf(helpers);
        this.helperThreads = helperThreads;
        this.tally = tally;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        RecordBatch batch = exchange.getMessage().getMandatoryBody(RecordBatch.class);
        List<DomainRecord> records = batch.records();
        int slices = Math.min(helpers.size() + 1, records.size() / MIN_SLICE);
        List<EcsDocument> documents;
        if (slices <= 1) {
            Slice all = new Slice(records).map(encoder);
            documents = all.documents;
            all.report(tally);
        } else {
            documents = mapInSlices(records, slices);
        }
        for (DomainRecord record : records) {
            tally.count(record);
        }
        tally.mapped(documents.size());
        exchange.getMessage().setBody(new DocumentBatch(batch.sequence(), documents));
    }

    private List<EcsDocument> mapInSlices(List<DomainRecord> records, int slices) {
        List<Slice> parts = new ArrayList<>(slices);
        int size = records.size();
        for (int i = 0; i < slices; i++) {
            parts.add(new Slice(records.subList(size * i / slices, size * (i + 1) / slices)));
        }
        List<CompletableFuture<Slice>> helped = new ArrayList<>(slices - 1);
        for (int i = 1; i < slices; i++) {
            Slice part = parts.get(i);
            DocumentEncoder helper = helpers.get(i - 1);
            helped.add(CompletableFuture.supplyAsync(() -> part.map(helper), helperThreads));
        }
        parts.get(0).map(encoder);
        for (CompletableFuture<Slice> slice : helped) {
            try {
                slice.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException problem ? problem : e;
            }
        }
        List<EcsDocument> documents = new ArrayList<>(size);
        for (Slice part : parts) {
            documents.addAll(part.documents);
            part.report(tally);
        }
        return documents;
    }

    /** Consecutive records, their documents, and the ones refused with why; filled by one thread. */
    private static final class Slice {
        final List<DomainRecord> records;
        final List<EcsDocument> documents;
        final List<DomainRecord> refused = new ArrayList<>(0);
        final List<RuntimeException> reasons = new ArrayList<>(0);

        Slice(List<DomainRecord> records) {
            this.records = records;
            this.documents = new ArrayList<>(records.size());
        }

        Slice map(DocumentEncoder encoder) {
            for (DomainRecord record : records) {
                try {
                    documents.add(encoder.encode(record));
                } catch (RuntimeException e) {
                    refused.add(record);
                    reasons.add(e);
                }
            }
            return this;
        }

        /** Counts the refused records; on the route's thread, after the slice was mapped. */
        void report(RecordTally tally) {
            for (int i = 0; i < refused.size(); i++) {
                tally.unmapped(refused.get(i), reasons.get(i));
            }
        }
    }
}
