package io.otsoc.collector.protocol.snmp;

/** Names of the error-status values (RFC 1157 section 4.1.1 for 0-5, RFC 3416 section 3 for 6-18). */
final class ErrorStatus {

    private static final String[] NAMES = {
        "noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess", "wrongType", "wrongLength",
        "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue", "resourceUnavailable", "commitFailed",
        "undoFailed", "authorizationError", "notWritable", "inconsistentName"};

    private ErrorStatus() {
    }

    /** The status's name, or {@code unknown_<n>} outside the defined range. */
    static String name(long status) {
        return status >= 0 && status < NAMES.length ? NAMES[(int) status] : "unknown_" + status;
    }
}
