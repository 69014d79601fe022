package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;

import java.io.IOException;

import static io.otsoc.mappings.ecs.EcsNames.COMMUNITY_ID;
import static io.otsoc.mappings.ecs.EcsNames.DESTINATION;
import static io.otsoc.mappings.ecs.EcsNames.ID;
import static io.otsoc.mappings.ecs.EcsNames.IP;
import static io.otsoc.mappings.ecs.EcsNames.MAC;
import static io.otsoc.mappings.ecs.EcsNames.NETWORK;
import static io.otsoc.mappings.ecs.EcsNames.PORT;
import static io.otsoc.mappings.ecs.EcsNames.PROTOCOL;
import static io.otsoc.mappings.ecs.EcsNames.RELATED;
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

    static void network(JsonGenerator out, FlowStrings flow, SerializableString protocol) throws IOException {
        out.writeFieldName(NETWORK);
        out.writeStartObject();
        out.writeFieldName(PROTOCOL);
        out.writeString(protocol);
        String transport = flow.flow.transport();
        if (transport != null) {
            out.writeFieldName(TRANSPORT);
            switch (transport) {
                case "tcp" -> out.writeString(EcsNames.V_TCP);
                case "udp" -> out.writeString(EcsNames.V_UDP);
                default -> out.writeString(transport);
            }
        }
        JsonFields.string(out, TYPE, flow.networkType);
        JsonFields.string(out, COMMUNITY_ID, flow.communityId);
        if (flow.vlanId != null) {
            out.writeFieldName(VLAN);
            out.writeStartObject();
            out.writeFieldName(ID);
            out.writeString(flow.vlanId);
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    static void endpoints(JsonGenerator out, FlowStrings flow) throws IOException {
        endpoint(out, SOURCE, flow.clientIp, flow.flow.clientPort(), flow.clientMac);
        endpoint(out, DESTINATION, flow.serverIp, flow.flow.serverPort(), flow.serverMac);
    }

    private static void endpoint(JsonGenerator out, SerializableString name, SerializableString ip, int port,
                                 SerializableString mac) throws IOException {
        out.writeFieldName(name);
        out.writeStartObject();
        JsonFields.string(out, IP, ip);
        if (port >= 0) {
            out.writeFieldName(PORT);
            out.writeNumber(port);
        }
        JsonFields.string(out, MAC, mac);
        out.writeEndObject();
    }

    /** {@code related.ip}: both ends, once each. */
    static void relatedIps(JsonGenerator out, FlowStrings flow) throws IOException {
        if (flow.clientIp == null && flow.serverIp == null) {
            return;
        }
        out.writeFieldName(RELATED);
        out.writeStartObject();
        out.writeFieldName(IP);
        out.writeStartArray();
        if (flow.clientIp != null) {
            out.writeString(flow.clientIp);
        }
        if (flow.serverIp != null && !flow.sameIp) {
            out.writeString(flow.serverIp);
        }
        out.writeEndArray();
        out.writeEndObject();
    }
}
