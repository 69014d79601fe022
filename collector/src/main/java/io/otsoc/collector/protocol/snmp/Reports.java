package io.otsoc.collector.protocol.snmp;

/** Names of the USM and MPD statistics a Report carries (RFC 3414 section 5, RFC 3412 section 5). */
final class Reports {

    private Reports() {
    }

    /** {@code " (name)"} for a known report OID, else empty. */
    static String name(String oid) {
        String n = switch (oid) {
            case "1.3.6.1.6.3.15.1.1.1.0" -> "usmStatsUnsupportedSecLevels";
            case "1.3.6.1.6.3.15.1.1.2.0" -> "usmStatsNotInTimeWindows";
            case "1.3.6.1.6.3.15.1.1.3.0" -> "usmStatsUnknownUserNames";
            case "1.3.6.1.6.3.15.1.1.4.0" -> "usmStatsUnknownEngineIDs";
            case "1.3.6.1.6.3.15.1.1.5.0" -> "usmStatsWrongDigests";
            case "1.3.6.1.6.3.15.1.1.6.0" -> "usmStatsDecryptionErrors";
            case "1.3.6.1.6.3.11.2.1.1.0" -> "snmpUnknownSecurityModels";
            case "1.3.6.1.6.3.11.2.1.2.0" -> "snmpInvalidMsgs";
            case "1.3.6.1.6.3.11.2.1.3.0" -> "snmpUnknownPDUHandlers";
            default -> null;
        };
        return n == null ? "" : " (" + n + ")";
    }
}
