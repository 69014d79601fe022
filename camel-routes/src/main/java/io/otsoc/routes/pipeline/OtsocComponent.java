package io.otsoc.routes.pipeline;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

import java.time.Duration;
import java.util.Map;

/**
 * The {@code otsoc:} component: {@code otsoc:NAME?batchSize=2000&batchTimeout=1000&queuedBatches=4} is a consumer
 * endpoint fed by the collector through the endpoint's {@link DocumentFeed}; each exchange carries one
 * {@link DocumentBatch}. It is found by its scheme through {@code META-INF/services/org/apache/camel/component/otsoc}.
 */
public final class OtsocComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("an otsoc: endpoint needs a name, e.g. otsoc:capture");
        }
        BatchPolicy defaults = BatchPolicy.DEFAULT;
        int batchSize = getAndRemoveParameter(parameters, "batchSize", Integer.class, defaults.maxDocuments());
        long batchTimeout = getAndRemoveParameter(parameters, "batchTimeout", Long.class, defaults.maxWait().toMillis());
        int queuedBatches = getAndRemoveParameter(parameters, "queuedBatches", Integer.class, defaults.queuedBatches());
        BatchPolicy policy = new BatchPolicy(batchSize, Duration.ofMillis(batchTimeout), queuedBatches);
        return new OtsocEndpoint(uri, this, policy);
    }
}
