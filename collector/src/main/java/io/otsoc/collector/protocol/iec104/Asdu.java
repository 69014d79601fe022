package io.otsoc.collector.protocol.iec104;

import java.util.List;

/**
 * A decoded application service data unit (IEC 60870-5-101 section 7.2 with the 104 field sizes of section 9:
 * two-octet cause of transmission, two-octet common address, three-octet object addresses).
 *
 * @param typeId            type identification
 * @param type              its standard definition, or null for a reserved or private type
 * @param sequence          SQ: the objects are consecutive addresses after one base address
 * @param count             number of information objects announced by the variable structure qualifier
 * @param cause             cause of transmission (6 bits)
 * @param negative          P/N bit: negative confirmation
 * @param test              T bit: test, not a real transmission
 * @param originator        originator address
 * @param commonAddress     common address of ASDU
 * @param objects           the objects read, at most the announced number, fewer when the ASDU is short
 * @param trailingOffset    offset in the APDU of octets after the last announced object, or -1 if none
 * @param problem           what was wrong with the ASDU's structure, or null
 */
record Asdu(int typeId, AsduType type, boolean sequence, int count, int cause, boolean negative, boolean test,
            int originator, int commonAddress, List<InformationObject> objects, int trailingOffset, String problem) {

    static final int HEADER = 6;
    static final int IOA_SIZE = 3;

    Asdu {
        objects = List.copyOf(objects);
    }

    /** The standard name of the type (e.g. {@code C_SC_NA_1}), or null for an unknown type. */
    String typeName() {
        return type == null ? null : type.name();
    }
}
