package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import io.otsoc.collector.model.FlowRef;

import java.io.IOException;

import static io.otsoc.mappings.ecs.EcsNames.COMMUNITY_ID;
import static io.otsoc.mappings.ecs.EcsNames.DESTINATION;
import static io.otsoc.mappings.ecs.EcsNames.ID;
import static io.otsoc.mappings.ecs.EcsNames.IP;
import static io.otsoc.mappings.ecs.EcsNames.MAC;
import static io.otsoc.mappings.ecs.EcsNames.NETWORK;
import static io.otsoc.mappings.ecs.EcsNames.PORT;
import static io.otsoc.mappings.ecs.EcsNames.PROTOCOL;
import static io.otsoc.mappings.ecs.EcsNames.SOURCE;
import static io.otsoc.mappings.ecs.EcsNames.TRANSPORT;
import static io.otsoc.mappings.ecs.EcsNames.TYPE;
import static io.otsoc.mappings.ecs.EcsNames.VLAN;

/**
 * The conversation's fields: {@code network.*}, and {@code source.*} = client, {@code destination.*} = server
 * (a FlowRef is oriented client to server, so the ECS client/server sets would only repeat them).
 */
final class FlowFields {

    private FlowFields() {
    }

    static void network(JsonGenerator out, FlowRef flow, SerializableString protocol, MappingScratch scratch)
            throws IOException {
        out.writeFieldName(NETWORK);
        out.writeStartObject();
        out.writeFieldName(PROTOCOL);
        out.writeString(protocol);
        String transport = flow.transport();
        if (transport != null) {
            out.writeFieldName(TRANSPORT);
            switch (transport) {
                case "tcp" -> out.writeString(EcsNames.V_TCP);
                case "udp" -> out.writeString(EcsNames.V_UDP);
                default -> out.writeString(transport);
            }
        }
        String anyIp = flow.clientIp() != null ? flow.clientIp() : flow.serverIp();
        if (anyIp != null) {
            out.writeFieldName(TYPE);
            out.writeString(anyIp.indexOf(':') >= 0 ? EcsNames.V_IPV6 : EcsNames.V_IPV4);
        }
        JsonFields.string(out, COMMUNITY_ID, flow.communityId());
        if (flow.vlanId() >= 0) {
            out.writeFieldName(VLAN);
            out.writeStartObject();
            out.writeFieldName(ID);
            JsonFields.numberAsKeyword(out, flow.vlanId(), scratch);
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    static void endpoints(JsonGenerator out, FlowRef flow, MappingScratch scratch) throws IOException {
        endpoint(out, SOURCE, flow.clientIp(), flow.clientPort(), flow.clientMac(), scratch);
        endpoint(out, DESTINATION, flow.serverIp(), flow.serverPort(), flow.serverMac(), scratch);
    }

    private static void endpoint(JsonGenerator out, SerializableString name, String ip, int port, String mac,
                                 MappingScratch scratch) throws IOException {
        out.writeFieldName(name);
        out.writeStartObject();
        JsonFields.string(out, IP, ip);
        if (port >= 0) {
            out.writeFieldName(PORT);
            out.writeNumber(port);
        }
        if (mac != null) {
            out.writeFieldName(MAC);
            JsonFields.mac(out, mac, scratch);
        }
        out.writeEndObject();
    }
}
