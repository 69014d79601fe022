package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.otsoc.collector.model.Alert;
import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.model.Incident;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.mappings.attack.AttackIcsCatalog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Maps the domain model to Elastic Common Schema documents. The streaming form is the one used on the hot path;
 * the tree form is for tests and tools, and is produced by the same streaming code (into a token buffer), so the
 * two cannot drift apart.
 *
 * <p>Thread-safe: per-thread scratch buffers (timestamp cache, char buffer, UTF-8 generator) are reused.
 */
public final class EcsMapper {

    /** The ECS release the documents follow. */
    public static final String ECS_VERSION = EcsNames.ECS_VERSION;

    private static final ObjectMapper TREES = new ObjectMapper();

    private final EventDocument events;
    private final AssetDocument assets;
    private final AlertDocument alerts;
    private final IncidentDocument incidents;
    private volatile Owner owner;

    /**
     * @param observerName the sensor's name in {@code observer.name}, e.g. the host name or a site-specific label
     */
    public EcsMapper(String observerName) {
        this(observerName, AttackIcsCatalog.bundled());
    }

    public EcsMapper(String observerName, AttackIcsCatalog catalog) {
        Objects.requireNonNull(observerName, "observerName");
        DocumentHead head = new DocumentHead(observerName);
        ThreatFields threat = new ThreatFields(catalog);
        this.events = new EventDocument(head);
        this.assets = new AssetDocument(head);
        this.alerts = new AlertDocument(head, threat);
        this.incidents = new IncidentDocument(head, threat);
    }

    /** Writes one ECS document as a JSON object to the generator. */
    public void write(DomainRecord record, JsonGenerator out) throws IOException {
        write(record, out, scratch());
    }

    /**
     * The calling thread's scratch. A pipeline maps on one thread, and a thread-local lookup is not free on
     * threads that hold many (Camel's): the last thread's scratch is kept at hand.
     */
    private MappingScratch scratch() {
        Owner last = owner;
        Thread current = Thread.currentThread();
        if (last != null && last.thread == current) {
            return last.scratch;
        }
        MappingScratch scratch = MappingScratch.get();
        owner = new Owner(current, scratch);
        return scratch;
    }

    private record Owner(Thread thread, MappingScratch scratch) {
    }

    private void write(DomainRecord record, JsonGenerator out, MappingScratch scratch) throws IOException {
        // Java 17: no pattern switch yet; events first, they are nearly all of the traffic.
        if (record instanceof OtEvent event) {
            events.write(event, out, scratch);
        } else if (record instanceof Asset asset) {
            assets.write(asset, out, scratch);
        } else if (record instanceof Alert alert) {
            alerts.write(alert, out, scratch);
        } else if (record instanceof Incident incident) {
            incidents.write(incident, out, scratch);
        } else {
            throw new IllegalArgumentException("no ECS mapping for " + record.getClass().getName());
        }
    }

    /** The same document as a tree. */
    public ObjectNode toDocument(DomainRecord record) {
        try (TokenBuffer tokens = new TokenBuffer(TREES, false)) {
            write(record, tokens);
            try (JsonParser parser = tokens.asParser(TREES)) {
                return TREES.readTree(parser);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + record.getClass().getSimpleName() + " to ECS", e);
        }
    }

    /**
     * The document as compact UTF-8 JSON (no trailing newline), written by a generator and buffer the calling
     * thread reuses; only the returned array is allocated.
     */
    public byte[] toJson(DomainRecord record) {
        MappingScratch scratch = scratch();
        JsonGenerator out = scratch.utf8();
        try {
            write(record, out, scratch);
            return scratch.utf8Bytes();
        } catch (IOException | RuntimeException e) {
            scratch.discardUtf8();
            throw failure(record, e);
        }
    }

    /** Appends the document as compact UTF-8 JSON (no trailing newline) to {@code sink}. */
    public void writeJson(DomainRecord record, OutputStream sink) throws IOException {
        MappingScratch scratch = scratch();
        JsonGenerator out = scratch.utf8();
        try {
            write(record, out, scratch);
        } catch (IOException | RuntimeException e) {
            scratch.discardUtf8();
            throw failure(record, e);
        }
        scratch.utf8To(sink);
    }

    private static RuntimeException failure(DomainRecord record, Exception e) {
        String what = "cannot map " + record.getClass().getSimpleName() + " at " + record.timestampMicros()
                + " µs to ECS: " + e.getMessage();
        return e instanceof IOException io ? new UncheckedIOException(what, io) : new IllegalStateException(what, e);
    }
}
