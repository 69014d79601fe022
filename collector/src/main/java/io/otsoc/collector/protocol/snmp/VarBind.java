package io.otsoc.collector.protocol.snmp;

/**
 * One variable binding: the object's OID and its value's BER tag and printable text ({@code null} for NULL and
 * for the SNMPv2 exceptions noSuchObject, noSuchInstance and endOfMibView, which carry no value).
 */
record VarBind(String oid, int tag, String value) {

    /** The value's SMI type in snake_case, e.g. {@code octet_string}, {@code timeticks}, {@code no_such_instance}. */
    String typeName() {
        return switch (tag) {
            case 0x02 -> "integer";
            case 0x04 -> "octet_string";
            case 0x05 -> "null";
            case 0x06 -> "object_identifier";
            case 0x40 -> "ip_address";
            case 0x41 -> "counter32";
            case 0x42 -> "gauge32";
            case 0x43 -> "timeticks";
            case 0x44 -> "opaque";
            case 0x45 -> "nsap_address";
            case 0x46 -> "counter64";
            case 0x47 -> "uinteger32";
            case 0x80 -> "no_such_object";
            case 0x81 -> "no_such_instance";
            case 0x82 -> "end_of_mib_view";
            default -> "tag_0x" + BerReader.hex(tag);
        };
    }
}
