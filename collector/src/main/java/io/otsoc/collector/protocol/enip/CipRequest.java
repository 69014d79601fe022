package io.otsoc.collector.protocol.enip;

import java.util.List;

/**
 * One CIP request as read from the wire (CIP Vol. 1, 2-4.1): the service, its request path and what the service's
 * own data says where we read it: the embedded requests of a Multiple Service Packet, the embedded request and
 * route of an Unconnected Send, the connection parameters of a Forward Open/Close, the PCCC command of an Execute
 * PCCC, the attribute ids of a Get Attribute List (at most {@link CipMessages#MAX_ATTRIBUTES}). {@code problem} says what was wrong, or is null.
 */
record CipRequest(int service, CipPath path, List<CipRequest> embedded, CipRequest routed, CipPath route,
                  ConnectionParameters connection, int pcccCommand, int pcccFunction, int[] attributes,
                  String problem) {

    static final int ABSENT = -1;

    /** Forward Open / Large Forward Open / Forward Close request fields (CIP Vol. 1, 3-5.5.2); -1 when absent. */
    record ConnectionParameters(long otConnectionId, long toConnectionId, int connectionSerial,
                                int originatorVendorId, long originatorSerial, long otRpi, long toRpi,
                                int transportClass) {
    }

    CipService.Kind kind() {
        return CipService.of(service, path.classId(), path.symbolic());
    }

    /** The request the target acts on: the routed one of an Unconnected Send, else this one. */
    CipRequest effective() {
        return routed != null ? routed : this;
    }
}
