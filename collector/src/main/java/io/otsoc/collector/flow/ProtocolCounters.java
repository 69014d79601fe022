package io.otsoc.collector.flow;

import io.otsoc.collector.protocol.DecoderRegistry;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Per-protocol totals of what decoders did, indexed by the factory's position in the {@link DecoderRegistry}. */
public final class ProtocolCounters {

    private final String[] names;
    final long[] flows;
    final long[] events;
    final long[] malformed;
    final long[] notThisProtocol;
    final long[] decoderErrors;
    final boolean[] errorLogged;

    public ProtocolCounters(DecoderRegistry registry) {
        int n = registry.size();
        names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = registry.factories().get(i).protocol();
        }
        flows = new long[n];
        events = new long[n];
        malformed = new long[n];
        notThisProtocol = new long[n];
        decoderErrors = new long[n];
        errorLogged = new boolean[n];
    }

    /** Flows given a decoder of each protocol. */
    public Map<String, Long> flows() {
        return byName(flows);
    }

    /** Events emitted per protocol, malformed-message events included. */
    public Map<String, Long> events() {
        return byName(events);
    }

    public Map<String, Long> malformed() {
        return byName(malformed);
    }

    /** Flows whose decoder said they do not carry its protocol. */
    public Map<String, Long> notThisProtocol() {
        return byName(notThisProtocol);
    }

    /** Decoders that threw and were detached. */
    public Map<String, Long> decoderErrors() {
        return byName(decoderErrors);
    }

    private Map<String, Long> byName(long[] values) {
        Map<String, Long> m = new TreeMap<>();
        for (int i = 0; i < names.length; i++) {
            if (values[i] != 0) {
                m.merge(names[i], values[i], Long::sum);
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
