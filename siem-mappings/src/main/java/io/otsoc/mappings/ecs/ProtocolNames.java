package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.io.SerializedString;
import io.otsoc.collector.model.EventCategory;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per protocol, the encoded protocol name (network.protocol and the otsoc.&lt;protocol&gt; object name) and its
 * dataset {@code otsoc.<protocol>}, built once instead of concatenated per event.
 */
final class ProtocolNames {

    /** One protocol's encoded names, and its events' fixed leading fields per category, encoded on first use. */
    static final class Names {
        private final SerializedString protocol;
        private final SerializedString dataset;
        // Racy lazy fill: every thread encodes the same bytes, and EncodedJson is safely published (final field).
        private final EncodedJson[] eventHeads = new EncodedJson[EventCategory.values().length];
        private final EncodedJson[] otsocHeads = new EncodedJson[EventCategory.values().length];

        Names(SerializedString protocol, SerializedString dataset) {
            this.protocol = protocol;
            this.dataset = dataset;
        }

        SerializedString protocol() {
            return protocol;
        }

        SerializedString dataset() {
            return dataset;
        }

        /**
         * {@code ,"ecs":{...},"event":{"kind":"event",...,"dataset":"otsoc.<protocol>"} with {@code event} left
         * open, as {@link EventDocument} writes them for an event of this category.
         */
        EncodedJson eventHead(EventCategory category, EncodedParts parts) throws IOException {
            EncodedJson head = eventHeads[category.ordinal()];
            if (head == null) {
                EventCategorisation.Values values = EventCategorisation.of(category);
                head = parts.of(out -> {
                    DocumentHead.ecsVersion(out);
                    DocumentHead.openEvent(out, EcsNames.V_EVENT, values.categories(), values.types(), dataset);
                }, 1);
                eventHeads[category.ordinal()] = head;
            }
            return head;
        }

        /**
         * {@code ,"otsoc":{"category":"...","<protocol>":{} with both objects left open, as {@link EventDocument}
         * writes them for an event of this category.
         */
        EncodedJson otsocHead(EventCategory category, EncodedParts parts) throws IOException {
            EncodedJson head = otsocHeads[category.ordinal()];
            if (head == null) {
                EventCategorisation.Values values = EventCategorisation.of(category);
                head = parts.of(out -> EventDocument.openOtsoc(out, values, protocol), 2);
                otsocHeads[category.ordinal()] = head;
            }
            return head;
        }
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
