package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.List;

/**
 * An encapsulation exchange that carries no CIP message (ListIdentity, ListServices, RegisterSession...): the
 * request's header and the response's where seen, and what the reply said: the identity of a ListIdentity reply,
 * the service names of a ListServices reply, the protocol version of a RegisterSession. Written under
 * {@code otsoc.enip.*}: the header fields are the response's where there is one (its session handle is the one the
 * target assigned), else the request's.
 *
 * @param identitySide which end of the flow sent the identity (the responder), or null
 */
public record EnipDetail(EncapsulationHeader request, EncapsulationHeader response, int protocolVersion,
                         CipIdentity identity, AssetFacts.Side identitySide, List<String> services)
        implements ProtocolDetail {

    EncapsulationHeader header() {
        return response != null ? response : request;
    }

    @Override
    public void writeFields(DetailWriter out) {
        EncapsulationHeader h = header();
        out.number("command", h.command());
        out.number("session_handle", h.sessionHandle());
        if (response != null) {
            out.number("status", response.status());
        }
        out.text("sender_context", h.senderContext());
        if (h.options() != 0) {
            out.number("options", h.options());
        }
        if (protocolVersion >= 0) {
            out.number("protocol_version", protocolVersion);
        }
        if (services != null && !services.isEmpty()) {
            out.texts("services", services);
        }
        if (identity != null) {
            out.number("encapsulation_version", identity.encapsulationVersion());
            if (identity.socketAddress() != null) {
                out.text("socket_address", identity.socketAddress());
                out.number("socket_port", identity.socketPort());
            }
            writeIdentity(out, identity);
        }
    }

    static void writeIdentity(DetailWriter out, CipIdentity identity) {
        out.number("vendor_id", identity.vendorId());
        if (identity.vendorName() != null) {
            out.text("vendor_name", identity.vendorName());
        }
        out.number("device_type", identity.deviceType());
        if (identity.deviceTypeName() != null) {
            out.text("device_type_name", identity.deviceTypeName());
        }
        out.number("product_code", identity.productCode());
        out.text("revision", identity.revision());
        out.number("device_status", identity.status());
        out.text("serial_number", identity.serialHex());
        out.text("product_name", identity.productName());
        if (identity.state() >= 0) {
            out.number("device_state", identity.state());
        }
    }

    @Override
    public AssetFacts assetFacts() {
        return identity == null || identitySide == null ? null : identity.facts(identitySide);
    }
}
