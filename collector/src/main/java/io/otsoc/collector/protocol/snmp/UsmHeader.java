package io.otsoc.collector.protocol.snmp;

/**
 * The SNMPv3 header (RFC 3412 section 6) and, for the User-based Security Model (3), its security parameters
 * (RFC 3414 section 2.4). Engine ids are lower-case hex; user and context names printable text (see
 * {@link SnmpParser#printable}). Security parameters of other models are not decoded: their fields are null and
 * {@link SnmpDetail#ABSENT}.
 */
record UsmHeader(
        long msgId,
        long maxSize,
        int flags,
        long securityModel,
        String engineId,
        long engineBoots,
        long engineTime,
        String userName,
        String contextEngineId,
        String contextName) {

    static final int AUTH = 0x01;
    static final int PRIV = 0x02;
    static final int REPORTABLE = 0x04;

    boolean auth() {
        return (flags & AUTH) != 0;
    }

    boolean priv() {
        return (flags & PRIV) != 0;
    }

    boolean reportable() {
        return (flags & REPORTABLE) != 0;
    }

    /** RFC 3411 securityLevel from the flags: noAuthNoPriv, authNoPriv or authPriv. */
    String securityLevel() {
        return priv() ? "authPriv" : auth() ? "authNoPriv" : "noAuthNoPriv";
    }
}
