package io.otsoc.routes.pipeline;

import io.otsoc.routes.delivery.DeliveryException;
import io.otsoc.routes.delivery.DeliveryResult;
import io.otsoc.routes.delivery.DocumentSink;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Hands a {@link DocumentBatch} to one sink and counts what it took. A failure leaves this step with the sink's
 * name in its message: a {@link DeliveryException} (the destination refused the batch; the route's error handler
 * may try again) or, for anything else, a {@link SinkFailure}, which fails the run at once.
 */
final class DeliverToSink implements Processor {

    private final DocumentSink sink;
    private final SinkTally tally;

    DeliverToSink(DocumentSink sink, SinkTally tally) {
        this.sink = sink;
        this.tally = tally;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        DocumentBatch batch = exchange.getMessage().getMandatoryBody(DocumentBatch.class);
        if (batch.size() == 0) {
            return;
        }
        DeliveryResult result;
        try {
            result = sink.deliver(batch.documents());
        } catch (DeliveryException e) {
            throw new DeliveryException("cannot deliver to " + sink.name() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SinkFailure(sink.name() + " failed: " + e, e);
        }
        tally.add(result);
    }

    @Override
    public String toString() {
        return "deliver to " + sink.name();
    }

    /** A sink broke in a way that retrying will not mend (a bug, not an unreachable destination). */
    static final class SinkFailure extends RuntimeException {
        SinkFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
