package io.otsoc.routes.opensearch;

import io.otsoc.routes.delivery.DeliveryException;
import io.otsoc.routes.delivery.DeliveryResult;
import io.otsoc.routes.delivery.DocumentSink;
import io.otsoc.routes.delivery.EcsDocument;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delivers ECS documents to OpenSearch with the opensearch-java client's bulk API, after installing otsoc's
 * templates. Credentials come from the environment or files, never from the command line or logs.
 *
 * <p>Documents travel as the bytes they were serialised to, never re-parsed: each batch becomes one or more
 * NDJSON {@code _bulk} bodies of at most {@link OpenSearchSinkOptions#maxBulkBytes()}. Documents the node
 * rejects one by one (a mapping conflict, a missing {@code @timestamp}) come back in
 * {@link DeliveryResult#rejected()} as {@code <index>: <type>: <reason>}; documents refused for back-pressure
 * (HTTP 429) are sent again a few times first. A request that fails as a whole (unreachable, HTTP 5xx,
 * refused credentials) raises a {@link DeliveryException} naming the URL.
 */
public final class OpenSearchSink implements DocumentSink {

    /** Only what a delivery result needs from the bulk response, which is otherwise as large as the request. */
    private static final Map<String, String> BULK_QUERY = Map.of("filter_path", "took,errors,items.*._index,items.*.status,items.*.error");
    private static final int TOO_MANY_REQUESTS = 429;
    private static final int MAX_RETRIES = 3;
    private static final long FIRST_BACKOFF_MILLIS = 200;

    private final NodeConnection node;
    private final BulkEncoder encoder;
    private boolean closed;
    // Close makes delivered documents searchable at once, unless the node just failed a delivery (it would
    // likely fail the refresh too, after a timeout).
    private boolean deliveredAny;
    private boolean lastDeliveryFailed;

    /** Connects to the node at {@code url} (http or https; certificates verified by default). */
    public OpenSearchSink(String url) {
        this(options(url));
    }

    /**
     * Connects with the given options and installs the templates.
     *
     * @throws DeliveryException naming the URL when the node cannot be reached or refuses the templates
     */
    public OpenSearchSink(OpenSearchSinkOptions options) {
        this.node = NodeConnection.open(options);
        this.encoder = new BulkEncoder(options.maxBulkBytes());
        try {
            TemplateInstaller.install(node);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return node.url();
    }

    @Override
    public synchronized DeliveryResult deliver(List<EcsDocument> batch) {
        if (closed) {
            throw new DeliveryException("OpenSearch sink for " + node.url() + " is closed");
        }
        List<String> rejected = new ArrayList<>();
        lastDeliveryFailed = true;
        int delivered = send(batch, rejected, 0, 0);
        lastDeliveryFailed = false;
        deliveredAny |= delivered > 0;
        return new DeliveryResult(delivered, rejected);
    }

    /** Makes everything delivered so far visible to searches (for tests and the demo; OpenSearch does it each second). */
    public void refresh() {
        try {
            node.client().indices().refresh(r -> r.index("otsoc-*").allowNoIndices(true));
        } catch (IOException | RuntimeException e) {
            throw node.unreachable("refresh", e);
        }
    }

    /**
     * Makes what was delivered searchable (so that a query right after the run sees every document), then closes
     * the connection. A failed refresh is not an error: OpenSearch refreshes on its own within a second.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (deliveredAny && !lastDeliveryFailed) {
                refresh();
            }
        } catch (DeliveryException e) {
            // best effort, see above
        } finally {
            node.close();
        }
    }

    /** Sends {@code documents} in as many bodies as the byte budget needs; back-pressured ones again, later. */
    private int send(List<EcsDocument> documents, List<String> rejected, int attempt, int deliveredBefore) {
        int delivered = 0;
        List<EcsDocument> retry = new ArrayList<>();
        int next = 0;
        while (next < documents.size()) {
            next = encoder.encode(documents, next,
                    (position, reason) -> rejected.add(line(documents.get(position).index(), reason)));
            if (encoder.count() == 0) {
                continue;
            }
            BulkResponse response = post(deliveredBefore + delivered);
            List<BulkResponseItem> items = response.items();
            if (items.size() != encoder.count()) {
                throw new DeliveryException("OpenSearch at " + node.url() + " answered " + items.size()
                        + " bulk items for " + encoder.count() + " documents");
            }
            for (int i = 0; i < items.size(); i++) {
                BulkResponseItem item = items.get(i);
                EcsDocument document = documents.get(encoder.position(i));
                if (item.error() == null && item.status() / 100 == 2) {
                    delivered++;
                } else if (item.status() == TOO_MANY_REQUESTS && attempt < MAX_RETRIES) {
                    retry.add(document);
                } else if (item.error() != null) {
                    rejected.add(line(document.index(), NodeConnection.describe(item.error())));
                } else {
                    rejected.add(line(document.index(), "http_" + item.status() + ": rejected without a reason"));
                }
            }
        }
        if (!retry.isEmpty()) {
            pause(FIRST_BACKOFF_MILLIS << attempt);
            delivered += send(retry, rejected, attempt + 1, deliveredBefore + delivered);
        }
        return delivered;
    }

    private BulkResponse post(int deliveredSoFar) {
        String what = "bulk request of " + encoder.count() + " documents";
        try {
            NodeConnection.Answer answer = node.send("POST", "/_bulk", BULK_QUERY, encoder.body(), what);
            if (!answer.ok()) {
                throw node.refused(what, answer);
            }
            return node.read(answer, BulkResponse._DESERIALIZER, what);
        } catch (DeliveryException e) {
            throw withProgress(e, deliveredSoFar);
        }
    }

    /** When a batch fails part-way, its earlier bodies stay indexed: say so, since a retry re-sends them. */
    private static DeliveryException withProgress(DeliveryException e, int deliveredSoFar) {
        if (deliveredSoFar == 0) {
            return e;
        }
        return new DeliveryException(e.getMessage() + " (" + deliveredSoFar
                + " documents of this batch were delivered before)", e.getCause());
    }

    private static String line(String index, String reason) {
        return index + ": " + reason;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while OpenSearch asked to slow down");
        }
    }

    private static OpenSearchSinkOptions options(String url) {
        try {
            return OpenSearchSinkOptions.of(url);
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("OpenSearch at " + url + ": " + e.getMessage(), e);
        }
    }
}
