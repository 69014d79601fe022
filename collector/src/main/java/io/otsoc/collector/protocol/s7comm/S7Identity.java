package io.otsoc.collector.protocol.s7comm;

import java.nio.charset.StandardCharsets;

/**
 * What a CPU says about itself in an SZL read response: module identification (SZL 0x0011/0x0111: order number,
 * firmware version) and component identification (SZL 0x001C/0x011C: automation system name, module name, plant
 * designation, serial number, module type name). Fields it did not state are null.
 */
record S7Identity(String orderNumber, String firmware, String systemName, String moduleName, String plantName,
                  String serialNumber, String moduleTypeName) {

    private static final int MODULE_ENTRY = 28;
    private static final int COMPONENT_ENTRY = 34;

    /**
     * Reads the SZL list of a read-SZL response whose data part is at {@code d} ({@code n} bytes: return code,
     * transport size, length, SZL id, index, entry length, entry count, entries); null when it holds no identity.
     * Entries beyond the data present (a response continued in a later fragment) are not read.
     */
    static S7Identity read(byte[] b, int d, int n) {
        if (n < 12 || (b[d] & 0xFF) != 0xFF) {
            return null;
        }
        int szlId = u16(b, d + 4) & 0x00FF;
        int entryLength = u16(b, d + 8);
        int count = u16(b, d + 10);
        int at = d + 12;
        int end = d + n;
        String order = null;
        String firmware = null;
        String system = null;
        String module = null;
        String plant = null;
        String serial = null;
        String type = null;
        if (szlId == 0x11 && entryLength == MODULE_ENTRY) {
            for (int i = 0; i < count && at + MODULE_ENTRY <= end; i++, at += MODULE_ENTRY) {
                int index = u16(b, at);
                if (index == 1 && order == null) {
                    order = text(b, at + 2, 20);
                } else if (index == 7 && (b[at + 24] & 0xFF) == 'V') {
                    firmware = "V" + (b[at + 25] & 0xFF) + "." + (b[at + 26] & 0xFF) + "." + (b[at + 27] & 0xFF);
                }
            }
        } else if (szlId == 0x1C && entryLength == COMPONENT_ENTRY) {
            for (int i = 0; i < count && at + COMPONENT_ENTRY <= end; i++, at += COMPONENT_ENTRY) {
                String value = text(b, at + 2, 32);
                switch (u16(b, at)) {
                    case 1 -> system = value;
                    case 2 -> module = value;
                    case 3 -> plant = value;
                    case 5 -> serial = value;
                    case 7 -> type = value;
                    default -> { }
                }
            }
        } else {
            return null;
        }
        if (order == null && firmware == null && system == null && module == null && plant == null && serial == null
                && type == null) {
            return null;
        }
        return new S7Identity(order, firmware, system, module, plant, serial, type);
    }

    /** Printable ASCII up to the first NUL, trailing spaces trimmed; "" for a field the CPU left empty. */
    private static String text(byte[] b, int off, int n) {
        int end = off;
        while (end < off + n && b[end] != 0) {
            end++;
        }
        String s = new String(b, off, end - off, StandardCharsets.ISO_8859_1).strip();
        StringBuilder clean = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            clean.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return clean.toString();
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }
}
