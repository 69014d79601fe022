package io.otsoc.collector.protocol.snmp;

import io.otsoc.collector.model.EventCategory;

/** The PDU types by their context-specific tag number (RFC 1157 section 4.1, RFC 3416 section 3). */
enum PduType {
    GET_REQUEST("get_request", EventCategory.READ, true),
    GET_NEXT_REQUEST("get_next_request", EventCategory.READ, true),
    GET_RESPONSE("get_response", EventCategory.READ, false),
    SET_REQUEST("set_request", EventCategory.WRITE, true),
    TRAP("trap", EventCategory.DIAGNOSTIC, false),
    GET_BULK_REQUEST("get_bulk_request", EventCategory.READ, true),
    INFORM_REQUEST("inform_request", EventCategory.DIAGNOSTIC, true),
    SNMPV2_TRAP("snmpv2_trap", EventCategory.DIAGNOSTIC, false),
    REPORT("report", EventCategory.DIAGNOSTIC, false);

    private static final PduType[] BY_NUMBER = values();

    /** The action of an SNMPv3 message whose scoped PDU is encrypted. */
    static final String ENCRYPTED_ACTION = "encrypted_pdu";

    final String actionName;
    final EventCategory category;
    /** Whether a response (GetResponse, or a Report in SNMPv3) answers it. */
    final boolean expectsResponse;

    PduType(String actionName, EventCategory category, boolean expectsResponse) {
        this.actionName = actionName;
        this.category = category;
        this.expectsResponse = expectsResponse;
    }

    /** The number in the PDU's tag (0xA0 + number). */
    int number() {
        return ordinal();
    }

    boolean isResponse() {
        return this == GET_RESPONSE || this == REPORT;
    }

    /** The type with this tag number, or null. */
    static PduType of(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }
}
