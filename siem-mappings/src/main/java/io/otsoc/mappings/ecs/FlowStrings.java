package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.io.SerializedString;
import io.otsoc.collector.model.FlowRef;

import java.io.IOException;

/**
 * A flow's values in encoded form (addresses, ECS-form MACs, Community ID, VLAN id, IP version). A FlowRef is
 * built once per flow and shared by all of its events, so these are encoded once per flow rather than per event.
 */
final class FlowStrings {

    final FlowRef flow;
    final SerializedString clientIp;
    final SerializedString serverIp;
    final SerializedString clientMac;
    final SerializedString serverMac;
    final SerializedString communityId;
    final SerializedString vlanId;
    final SerializedString networkType;
    final boolean sameIp;
    /** The event fields from observer to related, encoded for {@link #tailHead} and {@link #tailProtocol}. */
    private EncodedJson tail;
    private DocumentHead tailHead;
    private ProtocolNames.Names tailProtocol;

    private FlowStrings(FlowRef flow) {
        this.flow = flow;
        clientIp = encoded(flow.clientIp());
        serverIp = encoded(flow.serverIp());
        clientMac = flow.clientMac() == null ? null : new SerializedString(JsonFields.ecsMac(flow.clientMac()));
        serverMac = flow.serverMac() == null ? null : new SerializedString(JsonFields.ecsMac(flow.serverMac()));
        communityId = encoded(flow.communityId());
        vlanId = flow.vlanId() >= 0 ? new SerializedString(Integer.toString(flow.vlanId())) : null;
        String anyIp = flow.clientIp() != null ? flow.clientIp() : flow.serverIp();
        networkType = anyIp == null ? null : anyIp.indexOf(':') >= 0 ? EcsNames.V_IPV6 : EcsNames.V_IPV4;
        sameIp = flow.clientIp() != null && flow.clientIp().equals(flow.serverIp());
    }

    /**
     * {@code ,"observer":{...},"network":{...},"source":{...},"destination":{...},"related":{...}} as
     * {@link EventDocument} writes them for this flow, encoded once per flow (and sensor and protocol).
     */
    EncodedJson eventTail(DocumentHead head, ProtocolNames.Names protocol, EncodedParts parts)
            throws IOException {
        if (tail == null || tailHead != head || tailProtocol != protocol) {
            tail = parts.of(out -> EventDocument.flowFields(out, head, this, protocol), 0);
            tailHead = head;
            tailProtocol = protocol;
        }
        return tail;
    }

    private static SerializedString encoded(String value) {
        return value == null ? null : new SerializedString(value);
    }

    /**
     * A per-thread cache keyed by FlowRef identity; a miss costs one re-encoding of the flow. Bounded, so a capture
     * with many short flows does not keep every one of them.
     */
    static final class Cache {
        private static final int MAX_FLOWS = 16_384;
        private final IdentityCache<FlowRef, FlowStrings> flows = new IdentityCache<>(MAX_FLOWS);

        FlowStrings of(FlowRef flow) {
            return flows.get(flow, FlowStrings::new);
        }
    }
}
