package io.otsoc.routes.pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes batches from the endpoint's {@link DocumentFeed} on one thread and routes each as one exchange, strictly one
 * after another so documents reach every sink in the collector's order. An exchange that fails after the route's
 * error handling fails the feed, which stops the run.
 */
final class OtsocConsumer extends DefaultConsumer {

    private static final long POLL_MILLIS = 100;

    private final OtsocEndpoint endpoint;
    private volatile boolean running;
    private ExecutorService executor;

    OtsocConsumer(OtsocEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, endpoint.getEndpointUri());
        executor.execute(this::takeBatches);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor);
            executor = null;
        }
        super.doStop();
    }

    private void takeBatches() {
        DocumentFeed feed = endpoint.feed();
        try {
            while (running && !feed.failed()) {
                DocumentBatch batch = feed.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    continue;
                }
                if (batch == DocumentBatch.END) {
                    feed.complete();
                    return;
                }
                Exception problem = route(batch);
                if (problem != null) {
                    feed.fail(problem);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            feed.fail(new IllegalStateException("pipeline interrupted", e));
        } catch (RuntimeException | Error e) {
            feed.fail(e);
            throw e;
        }
    }

    private Exception route(DocumentBatch batch) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(batch);
            getProcessor().process(exchange);
            return exchange.getException();
        } catch (Exception e) {
            return e;
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
