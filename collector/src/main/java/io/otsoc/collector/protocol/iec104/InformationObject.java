package io.otsoc.collector.protocol.iec104;

/**
 * One information object of an ASDU: its address and what its element says. {@link #NONE} (-1) marks a part the
 * type does not carry.
 *
 * @param address   information object address (3 octets, little-endian)
 * @param state     the element's coded state or command: SPI, DPI, SCS, DCS, RCS, the step position, the 32-bit
 *                  string, the counter reading, the cause of initialization, the interrogation or reset qualifier
 * @param value     the numeric value of a measured value or set-point (normalized as a fraction, scaled as an
 *                  integer, short floating point as read), NaN when the type has none
 * @param text      the element as an analyst reads it ("on", "off", "higher", "171.3", "0x0000ff00", ...), or null
 * @param quality   the quality bits in place (OV 0x01, BL 0x10, SB 0x20, NT 0x40, IV 0x80; for counters CY 0x20,
 *                  CA 0x40, IV 0x80), or {@link #NONE}
 * @param qualifier the qualifier of a command (QU of SCO/DCO/RCO, QL of QOS, QOI, QCC, QRP, QPM, QPA) or the
 *                  local-parameter-change bit of a cause of initialization, or {@link #NONE}
 * @param select    1 select, 0 execute (S/E bit of a command or set-point), or {@link #NONE}
 * @param time      the CP56Time2a time tag, or null
 */
record InformationObject(int address, long state, double value, String text, int quality, int qualifier, int select,
                         Cp56Time time) {

    static final int NONE = -1;

    /** The quality flags set, e.g. "iv,nt", "good" when none is, null when the type has no quality descriptor. */
    String qualityText(boolean counter) {
        if (quality == NONE) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        if (counter) {
            flag(s, 0x20, "cy");
            flag(s, 0x40, "ca");
        } else {
            flag(s, 0x01, "ov");
            flag(s, 0x10, "bl");
            flag(s, 0x20, "sb");
            flag(s, 0x40, "nt");
        }
        flag(s, 0x80, "iv");
        return s.isEmpty() ? "good" : s.toString();
    }

    private void flag(StringBuilder s, int bit, String name) {
        if ((quality & bit) != 0) {
            if (!s.isEmpty()) {
                s.append(',');
            }
            s.append(name);
        }
    }
}
