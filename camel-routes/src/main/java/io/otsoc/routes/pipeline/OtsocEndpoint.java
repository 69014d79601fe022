package io.otsoc.routes.pipeline;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One feed of document batches from a collector into a route; see {@link OtsocComponent}. */
public final class OtsocEndpoint extends DefaultEndpoint {

    private final BatchPolicy policy;
    private final DocumentFeed feed;

    OtsocEndpoint(String uri, OtsocComponent component, BatchPolicy policy) {
        super(uri, component);
        this.policy = policy;
        this.feed = new DocumentFeed(policy);
    }

    /** Where the collector puts its documents. */
    public DocumentFeed feed() {
        return feed;
    }

    public BatchPolicy policy() {
        return policy;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(
                getEndpointUri() + " only consumes: documents enter through the endpoint's feed()");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        OtsocConsumer consumer = new OtsocConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }
}
