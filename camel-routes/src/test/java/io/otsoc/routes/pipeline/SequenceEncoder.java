package io.otsoc.routes.pipeline;

import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.routes.delivery.EcsDocument;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A stand-in for the ECS mapping: {@code {"seq":N,"kind":"event|asset"}} where N is the record's timestamp, and a
 * refusal for the chosen timestamps.
 */
public final class SequenceEncoder implements DocumentEncoder {

    private final Set<Long> refused;

    public SequenceEncoder() {
        this(Set.of());
    }

    public SequenceEncoder(Set<Long> refused) {
        this.refused = refused;
    }

    @Override
    public EcsDocument encode(DomainRecord record) {
        long seq = record.timestampMicros();
        if (refused.contains(seq)) {
            throw new IllegalArgumentException("no mapping for record " + seq);
        }
        String kind = record instanceof OtEvent ? "event" : "asset";
        String json = "{\"seq\":" + seq + ",\"kind\":\"" + kind + "\"}";
        return new EcsDocument("otsoc-events-test", null, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Stateless, so another instance gives the same documents on any thread. */
    @Override
    public DocumentEncoder twin() {
        return new SequenceEncoder(refused);
    }
}
