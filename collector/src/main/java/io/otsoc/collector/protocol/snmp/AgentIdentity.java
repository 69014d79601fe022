package io.otsoc.collector.protocol.snmp;

import java.util.Locale;
import java.util.Map;

/** What an agent's sysObjectID and sysDescr say about the device, from a few well-known values. */
final class AgentIdentity {

    /**
     * IANA private enterprise numbers (1.3.6.1.4.1.n) of device vendors common in plant and substation networks.
     * Agent software registrations (Net-SNMP 8072) are left out: they say nothing of who made the device.
     */
    private static final Map<Long, String> ENTERPRISES = Map.ofEntries(
            Map.entry(9L, "Cisco"), Map.entry(11L, "Hewlett-Packard"), Map.entry(43L, "3Com"),
            Map.entry(161L, "Motorola"), Map.entry(171L, "D-Link"), Map.entry(253L, "Xerox"),
            Map.entry(311L, "Microsoft"), Map.entry(318L, "APC"), Map.entry(674L, "Dell"),
            Map.entry(1916L, "Extreme Networks"), Map.entry(2011L, "Huawei"), Map.entry(2636L, "Juniper Networks"),
            Map.entry(3375L, "F5 Networks"), Map.entry(4329L, "Siemens"), Map.entry(4526L, "Netgear"),
Map.entry(14988L, "MikroTik"), Map.entry(248L, "Hirschmann"),
            Map.entry(1588L, "Brocade"), Map.entry(2606L, "Rittal"), Map.entry(3181L, "Schneider Electric"),
            Map.entry(13576L, "Westermo"), Map.entry(8691L, "Moxa"), Map.entry(24686L, "Phoenix Contact"),
            Map.entry(1248L, "Epson"), Map.entry(2435L, "Brother"), Map.entry(1602L, "Canon"),
            Map.entry(25506L, "H3C"), Map.entry(6486L, "Alcatel-Lucent"), Map.entry(17713L, "Cambium Networks"),
            Map.entry(41112L, "Ubiquiti"), Map.entry(4458L, "Belden"), Map.entry(2001L, "Oki"));

    private static final String ENTERPRISE_PREFIX = "1.3.6.1.4.1.";

    private AgentIdentity() {
    }

    static String vendor(String sysObjectId) {
        if (sysObjectId == null || !sysObjectId.startsWith(ENTERPRISE_PREFIX)) {
            return null;
        }
        int start = ENTERPRISE_PREFIX.length();
        int end = sysObjectId.indexOf('.', start);
        String number = end < 0 ? sysObjectId.substring(start) : sysObjectId.substring(start, end);
        if (number.isEmpty() || number.length() > 10) {
            return null;
        }
        try {
            return ENTERPRISES.get(Long.parseLong(number));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A device type from words in sysDescr, or null when none is telling. */
    static String deviceType(String sysDescr) {
        if (sysDescr == null) {
            return null;
        }
        String d = sysDescr.toLowerCase(Locale.ROOT);
        if (d.contains("simatic") || d.contains(" plc") || d.startsWith("plc") || d.contains("controllogix")
                || d.contains("modicon")) {
            return "Programmable Logic Controller";
        }
        if (d.matches("(?s).*\\brtu\\b.*")) {
            return "Remote Terminal Unit";
        }
        if (d.contains("switch") || d.contains("scalance x") || d.contains("catalyst")) {
            return "Switch";
        }
        if (d.contains("router") || d.contains("ios software") || d.contains("routeros")) {
            return "Router";
        }
        if (d.contains("firewall") || d.contains("fortigate") || d.contains("pan-os")) {
            return "Firewall";
        }
        if (d.contains("printer") || d.contains("laserjet") || d.contains("xerox")) {
            return "Printer";
        }
        if (d.matches("(?s).*\\bups\\b.*")) {
            return "UPS";
        }
        return null;
    }
}
