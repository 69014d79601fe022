package io.otsoc.collector.protocol.snmp;

/**
 * One SNMP message (one datagram).
 *
 * @param version   the version field on the wire: 0 (v1), 1 (v2c) or 3 (v3)
 * @param community the community string of v1/v2c as printable text, else null
 * @param usm       the v3 header and security parameters, else null
 * @param pdu       the PDU, or null when the v3 scoped PDU is encrypted
 */
record SnmpMessage(int version, String community, UsmHeader usm, Pdu pdu) {

    boolean encrypted() {
        return pdu == null;
    }

    /** The version as people say it and as Suricata logs it: 1, 2 (v2c) or 3. */
    int versionNumber() {
        return version == 0 ? 1 : version == 1 ? 2 : version;
    }
}
