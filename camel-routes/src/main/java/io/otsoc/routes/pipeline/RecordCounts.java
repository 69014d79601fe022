package io.otsoc.routes.pipeline;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the pipeline mapped in a run.
 *
 * @param eventsByProtocol events per {@code network.protocol}, sorted by protocol
 * @param unmapped         records the ECS mapping refused (counted, not delivered)
 * @param unmappedReasons  the first few of those, one line each
 */
public record RecordCounts(
        Map<String, Long> eventsByProtocol,
        long assets,
        long alerts,
        long incidents,
        long unmapped,
        List<String> unmappedReasons) {

    public RecordCounts {
        eventsByProtocol = Collections.unmodifiableMap(new TreeMap<>(eventsByProtocol));
        unmappedReasons = List.copyOf(unmappedReasons);
    }

    public long events() {
        return eventsByProtocol.values().stream().mapToLong(Long::longValue).sum();
    }
}
