package io.otsoc.collector.protocol.snmp;

import java.util.List;

/**
 * One SNMP PDU (RFC 1157, RFC 3416). For a GetBulkRequest {@code errorStatus} and {@code errorIndex} hold the
 * non-repeaters and max-repetitions that take their place on the wire; for an SNMPv1 Trap the request id, error
 * status and index are absent ({@link SnmpDetail#ABSENT}) and the trap fields are set.
 *
 * @param type          the PDU's type
 * @param varbindCount  how many variable bindings the PDU carried
 * @param varbinds      the first {@link SnmpParser#MAX_VARBINDS} of them
 */
record Pdu(
        PduType type,
        long requestId,
        long errorStatus,
        long errorIndex,
        String enterprise,
        String agentAddress,
        long genericTrap,
        long specificTrap,
        long timeTicks,
        int varbindCount,
        List<VarBind> varbinds) {

    Pdu {
        varbinds = List.copyOf(varbinds);
    }

    long nonRepeaters() {
        return errorStatus;
    }

    long maxRepetitions() {
        return errorIndex;
    }
}
