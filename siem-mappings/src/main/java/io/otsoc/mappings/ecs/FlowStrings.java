package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.io.SerializedString;
import io.otsoc.collector.model.FlowRef;

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

    private static SerializedString encoded(String value) {
        return value == null ? null : new SerializedString(value);
    }

    /**
     * A per-thread direct-mapped cache keyed by FlowRef identity. 64 slots cover the flows a sensor interleaves
     * at once in practice; a miss costs one re-encoding of the flow.
     */
    static final class Cache {
        private static final int SLOTS = 64;
        private final FlowStrings[] slots = new FlowStrings[SLOTS];

        FlowStrings of(FlowRef flow) {
            int slot = System.identityHashCode(flow) & (SLOTS - 1);
            FlowStrings strings = slots[slot];
            if (strings == null || strings.flow != flow) {
                strings = new FlowStrings(flow);
                slots[slot] = strings;
            }
            return strings;
        }
    }
}
