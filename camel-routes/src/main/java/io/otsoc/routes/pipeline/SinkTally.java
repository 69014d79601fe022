package io.otsoc.routes.pipeline;

import io.otsoc.routes.delivery.DeliveryResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Per-sink counters: documents delivered and rejected, and the first few rejections. Pipeline thread only. */
final class SinkTally {

    static final int REJECTIONS_KEPT = 5;

    private final String sink;
    private final AtomicLong delivered = new AtomicLong();
    private long rejected;
    private final List<String> firstRejections = new ArrayList<>();

    SinkTally(String sink) {
        this.sink = sink;
    }

    void add(DeliveryResult result) {
        delivered.setOpaque(delivered.getPlain() + result.delivered());
        rejected += result.rejected().size();
        for (String rejection : result.rejected()) {
            if (firstRejections.size() == REJECTIONS_KEPT) {
                break;
            }
            firstRejections.add(rejection);
        }
    }

    /** Delivered so far; read from other threads for progress. */
    long delivered() {
        return delivered.getOpaque();
    }

    SinkReport snapshot() {
        return new SinkReport(sink, delivered.getPlain(), rejected, firstRejections);
    }
}
