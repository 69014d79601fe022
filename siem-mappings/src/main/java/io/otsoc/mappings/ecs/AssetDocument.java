package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.AssetRole;

import java.io.IOException;
import java.util.List;

import static io.otsoc.mappings.ecs.EcsNames.ASSET;
import static io.otsoc.mappings.ecs.EcsNames.EVIDENCE;
import static io.otsoc.mappings.ecs.EcsNames.FIRST_SEEN;
import static io.otsoc.mappings.ecs.EcsNames.HOST;
import static io.otsoc.mappings.ecs.EcsNames.ID;
import static io.otsoc.mappings.ecs.EcsNames.IP;
import static io.otsoc.mappings.ecs.EcsNames.LAST_SEEN;
import static io.otsoc.mappings.ecs.EcsNames.MAC;
import static io.otsoc.mappings.ecs.EcsNames.NAME;
import static io.otsoc.mappings.ecs.EcsNames.OTSOC;
import static io.otsoc.mappings.ecs.EcsNames.RELATED;
import static io.otsoc.mappings.ecs.EcsNames.ROLES;
import static io.otsoc.mappings.ecs.EcsNames.VENDOR;
import static io.otsoc.mappings.ecs.EcsNames.MODEL;
import static io.otsoc.mappings.ecs.EcsNames.FIRMWARE;
import static io.otsoc.mappings.ecs.EcsNames.SERIAL;
import static io.otsoc.mappings.ecs.EcsNames.DEVICE_TYPE;

/**
 * An asset's current state as an inventory document. ECS 9.4 has {@code event.kind: asset} for exactly this
 * ("store an inventory of assets/entities and their attributes"), with {@code event.category: host},
 * {@code event.type: info}.
 */
final class AssetDocument {

    private static final List<SerializedString> HOST_CATEGORY = List.of(EcsNames.V_HOST);
    private static final List<SerializedString> INFO = List.of(EcsNames.V_INFO);

    private final DocumentHead head;

    AssetDocument(DocumentHead head) {
        this.head = head;
    }

    void write(Asset asset, JsonGenerator out, MappingScratch scratch) throws IOException {
        head.open(out, asset.timestampMicros(), scratch);
        DocumentHead.openEvent(out, EcsNames.V_ASSET, HOST_CATEGORY, INFO, EcsNames.V_DATASET_ASSET);
        out.writeEndObject();
        head.observer(out);

        out.writeFieldName(HOST);
        out.writeStartObject();
        JsonFields.string(out, ID, asset.id());
        JsonFields.string(out, NAME, asset.name());
        if (asset.mac() != null) {
            out.writeFieldName(MAC);
            out.writeStartArray();
            out.writeString(JsonFields.ecsMac(asset.mac()));
            out.writeEndArray();
        }
        if (!asset.ips().isEmpty()) {
            JsonFields.strings(out, IP, asset.ips());
        }
        out.writeEndObject();

        if (!asset.ips().isEmpty()) {
            out.writeFieldName(RELATED);
            out.writeStartObject();
            JsonFields.strings(out, IP, asset.ips());
            out.writeEndObject();
        }

        out.writeFieldName(OTSOC);
        out.writeStartObject();
        out.writeFieldName(ASSET);
        out.writeStartObject();
        if (!asset.roles().isEmpty()) {
            out.writeFieldName(ROLES);
            out.writeStartArray();
            for (AssetRole role : asset.roles()) {
                out.writeStartObject();
                JsonFields.string(out, NAME, role.name());
                JsonFields.string(out, EVIDENCE, role.evidence());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        JsonFields.string(out, VENDOR, asset.vendor());
        JsonFields.string(out, MODEL, asset.model());
        JsonFields.string(out, FIRMWARE, asset.firmware());
        JsonFields.string(out, SERIAL, asset.serial());
        JsonFields.string(out, NAME, asset.name());
        JsonFields.string(out, DEVICE_TYPE, asset.deviceType());
        JsonFields.date(out, FIRST_SEEN, asset.firstSeenMicros(), scratch);
        JsonFields.date(out, LAST_SEEN, asset.lastSeenMicros(), scratch);
        out.writeEndObject();
        out.writeEndObject();

        out.writeEndObject();
    }
}
