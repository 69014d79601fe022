package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import io.otsoc.collector.model.OtEvent;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import static io.otsoc.mappings.ecs.EcsNames.IP;
import static io.otsoc.mappings.ecs.EcsNames.RELATED;

/** {@code related.ip} gathered over several events (alerts, incidents), each address once, first seen first. */
final class RelatedIps {

    private RelatedIps() {
    }

    static Set<String> ofEvents(Collection<OtEvent> events) {
        Set<String> ips = new LinkedHashSet<>();
        for (OtEvent event : events) {
            add(ips, event);
        }
        return ips;
    }

    static void add(Set<String> ips, OtEvent event) {
        if (event.flow().clientIp() != null) {
            ips.add(event.flow().clientIp());
        }
        if (event.flow().serverIp() != null) {
            ips.add(event.flow().serverIp());
        }
    }

    static void write(JsonGenerator out, Set<String> ips) throws IOException {
        if (ips.isEmpty()) {
            return;
        }
        out.writeFieldName(RELATED);
        out.writeStartObject();
        out.writeFieldName(IP);
        out.writeStartArray();
        for (String ip : ips) {
            out.writeString(ip);
        }
        out.writeEndArray();
        out.writeEndObject();
    }
}
