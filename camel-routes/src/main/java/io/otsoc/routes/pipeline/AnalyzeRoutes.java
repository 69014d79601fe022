package io.otsoc.routes.pipeline;

import io.otsoc.routes.delivery.DeliveryException;
import io.otsoc.routes.delivery.DocumentSink;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

import java.util.List;

/**
 * The analyze route, read top to bottom as the data flows:
 * <pre>
 *   otsoc:capture (batches of ECS documents, each record mapped once on the collector's thread as it is
 *                  decoded, see {@link RecordMapping}; batched by count and age)
 *     -> deliver to the NDJSON file -> deliver to OpenSearch (when configured) -> ...
 * </pre>
 * Errors are declared here only: a {@link DeliveryException} is retried with back-off at the sink that threw it
 * (the sinks before it are not written twice), then the exchange fails and with it the run. Anything else fails the
 * run at once.
 */
final class AnalyzeRoutes extends RouteBuilder {

    static final String ROUTE_ID = "analyze";

    private final BatchPolicy batching;
    private final RetryPolicy retry;
    private final List<DocumentSink> sinks;
    private final List<SinkTally> tallies;
    private final RunListener listener;

    AnalyzeRoutes(BatchPolicy batching, RetryPolicy retry, List<DocumentSink> sinks, List<SinkTally> tallies,
                  RunListener listener) {
        this.batching = batching;
        this.retry = retry;
        this.sinks = List.copyOf(sinks);
        this.tallies = List.copyOf(tallies);
        this.listener = listener;
    }

    /** The feed endpoint's URI; the job looks the endpoint up by it to reach its feed. */
    static String inputUri(BatchPolicy batching) {
        return "otsoc:capture?batchSize=" + batching.maxDocuments()
                + "&batchTimeout=" + batching.maxWait().toMillis()
                + "&queuedBatches=" + batching.queuedBatches();
    }

    @Override
    public void configure() {
        // The job reports failures itself, in one line.
        errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false));

        // When the retries are spent the run fails and nothing is committed. A durable spool will later take such
        // batches instead, so that one unreachable destination does not stop the others.
        onException(DeliveryException.class)
                .maximumRedeliveries(retry.maxRedeliveries())
                .redeliveryDelay(retry.firstDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(retry.multiplier())
                .maximumRedeliveryDelay(retry.maxDelay().toMillis())
                .onRedelivery(this::announceRetry)
                .logRetryAttempted(false)
                .logExhausted(false)
                .handled(false);

        RouteDefinition route = from(inputUri(batching)).routeId(ROUTE_ID);
        for (int i = 0; i < sinks.size(); i++) {
            route.process(new DeliverToSink(sinks.get(i), tallies.get(i))).id("deliver-" + (i + 1));
        }
    }

    private void announceRetry(Exchange exchange) {
        int redelivery = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        Throwable problem = exchange.getException();
        if (problem == null) {
            problem = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        String reason = problem == null ? "delivery failed" : problem.getMessage();
        listener.retrying(reason, redelivery, retry.maxRedeliveries(), retry.delayBefore(redelivery));
    }
}
