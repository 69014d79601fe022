package io.otsoc.collector.protocol.bacnet;

/** Names of the small BACnet enumerations (ANSI/ASHRAE 135 clause 21), as the standard spells them. */
final class BacnetEnums {

    private static final String[] ERROR_CLASSES = {"device", "object", "property", "resources", "security",
            "services", "vt", "communication"};
    private static final String[] REJECT_REASONS = {"other", "buffer-overflow", "inconsistent-parameters",
            "invalid-parameter-data-type", "invalid-tag", "missing-required-parameter", "parameter-out-of-range",
            "too-many-arguments", "undefined-enumeration", "unrecognized-service"};
    private static final String[] ABORT_REASONS = {"other", "buffer-overflow", "invalid-apdu-in-this-state",
            "preempted-by-higher-priority-task", "segmentation-not-supported", "security-error",
            "insufficient-security", "window-size-out-of-range", "application-exceeded-reply-time",
            "out-of-resources", "tsm-timeout", "apdu-too-long"};
    private static final String[] REINITIALIZED_STATES = {"coldstart", "warmstart", "startbackup", "endbackup",
            "startrestore", "endrestore", "abortrestore", "activate-changes"};
    private static final String[] ENABLE_DISABLE = {"enable", "disable", "disable-initiation"};

    private BacnetEnums() {
    }

    static String errorClass(int v) {
        return name(ERROR_CLASSES, v);
    }

    static String rejectReason(int v) {
        return name(REJECT_REASONS, v);
    }

    static String abortReason(int v) {
        return name(ABORT_REASONS, v);
    }

    static String reinitializedState(int v) {
        return name(REINITIALIZED_STATES, v);
    }

    static String enableDisable(int v) {
        return name(ENABLE_DISABLE, v);
    }

    private static String name(String[] names, int v) {
        if (v < 0) {
            return "-";
        }
        return v < names.length ? names[v] : "unknown-" + v;
    }
}
