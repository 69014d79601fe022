package io.otsoc.collector.protocol.dhcp;

/** DHCP message types (option 53): RFC 2132 section 9.6, RFC 3203, RFC 4388, RFC 6926, RFC 7724, RFC 8539. */
final class DhcpMessageType {

    private static final String[] NAMES = {null, "discover", "offer", "request", "decline", "ack", "nak", "release",
        "inform", "force_renew", "lease_query", "lease_unassigned", "lease_unknown", "lease_active",
        "bulk_lease_query", "lease_query_done", "active_lease_query", "lease_query_status", "tls"};

    private DhcpMessageType() {
    }

    /** The snake_case name of a defined type, or null. */
    static String name(int type) {
        return type > 0 && type < NAMES.length ? NAMES[type] : null;
    }

    static int highest() {
        return NAMES.length - 1;
    }
}
