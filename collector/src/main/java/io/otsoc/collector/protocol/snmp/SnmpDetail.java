package io.otsoc.collector.protocol.snmp;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.ProtocolDetail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one SNMP exchange carried: a request with its response, a request alone (unanswered, or a trap) or a response
 * alone. The header fields (version, community, SNMPv3 header) are the request's when there is one; the
 * authoritative engine fields are the response's when there is one (the agent's own).
 *
 * <p>The community string is written as it was sent, as Zeek's {@code snmp.log} and Suricata's {@code snmp} events
 * do: analysts need it to find who uses which community, and in v1/v2c it travels in clear text to every observer
 * anyway. It is a credential: whoever can read these documents can read it. {@code community_default} flags the
 * well-known defaults ({@link #DEFAULT_COMMUNITIES}).
 *
 * @param request           the request, trap or unanswered message, or null for a response alone
 * @param response          the response or report, or null
 * @param responseToClient  whether the response travelled server to client (tells which side the agent is)
 */
public record SnmpDetail(SnmpMessage request, SnmpMessage response, boolean responseToClient)
        implements ProtocolDetail {

    public static final long ABSENT = -1;

    /** Community strings that ship as defaults with many agents (RFC 1157 examples, vendor manuals). */
    static final Set<String> DEFAULT_COMMUNITIES = Set.of("public", "private", "community", "admin", "manager",
            "secret", "default", "cisco", "snmp", "snmpd", "write", "read", "monitor", "all", "ILMI", "system");

    static final String SYS_DESCR = "1.3.6.1.2.1.1.1.0";
    static final String SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0";
    static final String SYS_NAME = "1.3.6.1.2.1.1.5.0";

    SnmpMessage head() {
        return request != null ? request : response;
    }

    /** {@code pdu_type}: the first message's PDU type, or {@code encrypted}. */
    String pduType() {
        SnmpMessage h = head();
        return h.encrypted() ? "encrypted" : h.pdu().type().actionName;
    }

    @Override
    public void writeFields(DetailWriter out) {
        SnmpMessage h = head();
        out.number("version", h.versionNumber());
        if (h.community() != null) {
            out.text("community", h.community());
            out.flag("community_default", DEFAULT_COMMUNITIES.contains(h.community()));
        }
        out.text("pdu_type", pduType());
        if (h.usm() != null) {
            writeV3(out, h.usm());
        }
        Pdu req = request != null ? request.pdu() : null;
        Pdu resp = response != null ? response.pdu() : null;
        Pdu first = req != null ? req : resp;
        if (first != null && first.requestId() != ABSENT) {
            out.number("request_id", first.requestId());
        }
        if (req != null) {
            switch (req.type()) {
                case GET_BULK_REQUEST -> {
                    out.number("non_repeaters", req.nonRepeaters());
                    out.number("max_repetitions", req.maxRepetitions());
                }
                case TRAP -> {
                    out.text("enterprise", req.enterprise());
                    out.text("agent_address", req.agentAddress());
                    out.number("generic_trap", req.genericTrap());
                    out.text("generic_trap_name", genericTrapName(req.genericTrap()));
                    out.number("specific_trap", req.specificTrap());
                    out.number("trap_timestamp", req.timeTicks());
                }
                default -> {
                }
            }
            writeVarbinds(out, "", req);
        }
        if (resp != null) {
            if (request != null) {
                out.text("response_pdu_type", resp.type().actionName);
            }
            out.number("error_status", resp.errorStatus());
            out.text("error_status_name", ErrorStatus.name(resp.errorStatus()));
            out.number("error_index", resp.errorIndex());
            writeVarbinds(out, "response_", resp);
        } else if (response != null && request != null) {
            out.text("response_pdu_type", "encrypted");
        }
    }

    private void writeV3(DetailWriter out, UsmHeader u) {
        out.number("msg_id", u.msgId());
        out.number("msg_max_size", u.maxSize());
        out.number("msg_flags", u.flags());
        out.text("security_level", u.securityLevel());
        out.number("security_model", u.securityModel());
        out.flag("encrypted", head().encrypted() || response != null && response.encrypted());
        if (u.userName() != null) {
            out.text("user_name", u.userName());
        }
        UsmHeader engine = response != null && response.usm() != null && response.usm().engineId() != null
                ? response.usm() : u;
        if (engine.engineId() != null) {
            out.text("engine_id", engine.engineId());
            out.number("engine_boots", engine.engineBoots());
            out.number("engine_time", engine.engineTime());
        }
        if (u.contextEngineId() != null) {
            out.text("context_engine_id", u.contextEngineId());
            out.text("context_name", u.contextName());
        }
    }

    private static void writeVarbinds(DetailWriter out, String prefix, Pdu pdu) {
        out.number(prefix + "varbind_count", pdu.varbindCount());
        if (pdu.varbinds().isEmpty()) {
            return;
        }
        List<String> oids = new ArrayList<>(pdu.varbinds().size());
        List<String> types = new ArrayList<>(pdu.varbinds().size());
        List<String> values = new ArrayList<>(pdu.varbinds().size());
        boolean anyValue = false;
        for (VarBind vb : pdu.varbinds()) {
            oids.add(vb.oid());
            types.add(vb.typeName());
            values.add(vb.value() == null ? "" : vb.value());
            anyValue |= vb.value() != null;
        }
        out.texts(prefix + "oids", oids);
        out.texts(prefix + "value_types", types);
        if (anyValue) {
            out.texts(prefix + "values", values);
        }
    }

    static String genericTrapName(long generic) {
        return switch ((int) Math.max(-1, Math.min(generic, 7))) {
            case 0 -> "coldStart";
            case 1 -> "warmStart";
            case 2 -> "linkDown";
            case 3 -> "linkUp";
            case 4 -> "authenticationFailure";
            case 5 -> "egpNeighborLoss";
            case 6 -> "enterpriseSpecific";
            default -> "unknown_" + generic;
        };
    }

    /**
     * The agent's identity from a GetResponse carrying sysDescr.0, sysName.0 or sysObjectID.0 (RFC 3418), for the
     * side that sent the response: model from sysDescr's first line, device type guessed from words in sysDescr, name
     * from sysName, vendor from the sysObjectID's enterprise number where it is a well-known device vendor. The
     * sysObjectID is not made a model: a walk answers each object in its own response, and the inventory keeps the
     * latest value, so an OID would replace the readable sysDescr; it stays in {@code response_values}.
     */
    @Override
    public AssetFacts assetFacts() {
        Pdu resp = response != null ? response.pdu() : null;
        if (resp == null || resp.type() != PduType.GET_RESPONSE || resp.errorStatus() != 0) {
            return null;
        }
        String descr = null;
        String name = null;
        String objectId = null;
        for (VarBind vb : resp.varbinds()) {
            if (vb.value() == null) {
                continue;
            }
            switch (vb.oid()) {
                case SYS_DESCR -> descr = vb.tag() == BerReader.OCTET_STRING ? vb.value() : descr;
                case SYS_NAME -> name = vb.tag() == BerReader.OCTET_STRING ? vb.value() : name;
                case SYS_OBJECT_ID -> objectId = vb.tag() == BerReader.OID ? vb.value() : objectId;
                default -> {
                }
            }
        }
        String model = descr == null ? null : firstLine(descr);
        if (model != null && model.isEmpty()) {
            model = null;
        }
        if (name != null && name.isEmpty()) {
            name = null;
        }
        String vendor = AgentIdentity.vendor(objectId);
        String deviceType = AgentIdentity.deviceType(descr);
        if (model == null && name == null && vendor == null && deviceType == null) {
            return null;
        }
        return new AssetFacts(responseToClient ? AssetFacts.Side.SERVER : AssetFacts.Side.CLIENT, vendor, model, null,
                null, name, deviceType);
    }

    private static String firstLine(String text) {
        int cut = text.indexOf("\\x0d");
        int lf = text.indexOf("\\x0a");
        if (lf >= 0 && (cut < 0 || lf < cut)) {
            cut = lf;
        }
        String line = (cut >= 0 ? text.substring(0, cut) : text).strip();
        return line.length() > 128 ? line.substring(0, 128) : line;
    }
}
