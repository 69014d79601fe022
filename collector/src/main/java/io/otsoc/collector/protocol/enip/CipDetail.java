package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

/**
 * One CIP explicit-messaging exchange (a request with its response, or either alone), written under
 * {@code otsoc.cip.*}: the service and what its path addresses (class, instance, attribute, member, symbolic tag),
 * the response's general and first extended status, how it travelled (connected with connection id and sequence
 * count, or unconnected; routed through an Unconnected Send to a port and link), the connection parameters of a
 * Forward Open/Close, the PCCC command of an Execute PCCC, and for a service embedded in a Multiple Service
 * Packet its position. {@link #ABSENT} (-1) marks numbers not carried.
 *
 * <p>Kept for Java consumers and not written: the encapsulation headers of the request and response, and the
 * SendRRData/SendUnitData timeouts of the request and response ({@link #ABSENT} for a message not seen).
 */
public record CipDetail(int service, CipPath path, int generalStatus, int extendedStatus, boolean connected,
                        long connectionId, int sequenceCount, long sessionHandle, int enipCommand,
                        int[] attributeIds, int serviceCount, int serviceIndex, CipPath route, CipRequest.ConnectionParameters connection,
                        int pcccCommand, int pcccFunction, int pcccStatus, CipIdentity identity,
                        AssetFacts.Side identitySide, EncapsulationHeader requestHeader,
                        EncapsulationHeader responseHeader, int requestTimeout,
                        int responseTimeout) implements ProtocolDetail {

    public static final int ABSENT = -1;

    @Override
    public void writeFields(DetailWriter out) {
        out.number("service", service);
        number(out, "class_id", path.classId());
        String className = path.classId() < 0 ? null : CipService.className(path.classId());
        if (className != null) {
            out.text("class_name", className);
        }
        number(out, "instance_id", path.instanceId());
        number(out, "attribute_id", path.attributeId());
        if (attributeIds != null) {
            out.numbers("attribute_ids", attributeIds, attributeIds.length);
        }
        number(out, "member_id", path.memberId());
        number(out, "connection_point", path.connectionPoint());
        if (path.tag() != null) {
            out.text("tag", path.tag());
        }
        number(out, "general_status", generalStatus);
        number(out, "extended_status", extendedStatus);
        out.flag("connected", connected);
        number(out, "connection_id", connectionId);
        number(out, "sequence_count", sequenceCount);
        out.number("session_handle", sessionHandle);
        out.number("enip_command", enipCommand);
        number(out, "service_count", serviceCount);
        number(out, "service_index", serviceIndex);
        if (route != null) {
            number(out, "route_port", route.port());
            if (route.link() >= 0) {
                out.number("route_link", route.link());
            }
        }
        if (connection != null) {
            number(out, "ot_connection_id", connection.otConnectionId());
            number(out, "to_connection_id", connection.toConnectionId());
            number(out, "connection_serial", connection.connectionSerial());
            number(out, "originator_vendor_id", connection.originatorVendorId());
            number(out, "originator_serial", connection.originatorSerial());
            number(out, "ot_rpi", connection.otRpi());
            number(out, "to_rpi", connection.toRpi());
            number(out, "transport_class", connection.transportClass());
        }
        if (pcccCommand >= 0) {
            out.number("pccc_command", pcccCommand);
            number(out, "pccc_function", pcccFunction);
            out.text("pccc_operation", Pccc.operation(pcccCommand, pcccFunction));
            number(out, "pccc_status", pcccStatus);
        }
        if (identity != null) {
            EnipDetail.writeIdentity(out, identity);
        }
    }

    private static void number(DetailWriter out, String field, long value) {
        if (value != ABSENT) {
            out.number(field, value);
        }
    }

    @Override
    public AssetFacts assetFacts() {
        return identity == null || identitySide == null ? null : identity.facts(identitySide);
    }
}
