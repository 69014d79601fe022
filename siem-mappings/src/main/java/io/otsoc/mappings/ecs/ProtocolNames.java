package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.io.SerializedString;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Per protocol, the encoded protocol name (network.protocol and the otsoc.&lt;protocol&gt; object name) and its
 * dataset {@code otsoc.<protocol>}, built once instead of concatenated per event.
 */
final class ProtocolNames {

    record Names(SerializedString protocol, SerializedString dataset) {
    }

    /** Protocol names come from the decoders, a short fixed list; the cap only guards against misuse. */
    private static final int MAX_CACHED = 256;

    private final ConcurrentHashMap<String, Names> byProtocol = new ConcurrentHashMap<>();

    Names of(String protocol) {
        Names names = byProtocol.get(protocol);
        if (names == null) {
            names = new Names(new SerializedString(protocol), new SerializedString("otsoc." + protocol));
            if (byProtocol.size() < MAX_CACHED) {
                byProtocol.putIfAbsent(protocol, names);
            }
        }
        return names;
    }
}
