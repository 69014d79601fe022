package io.otsoc.collector.protocol.iec104;

/** Causes of transmission (IEC 60870-5-101 section 7.2.3) in snake_case. */
final class Cause {

    static final int ACTIVATION = 6;
    static final int ACTIVATION_CON = 7;
    static final int DEACTIVATION = 8;
    static final int DEACTIVATION_CON = 9;
    static final int ACTIVATION_TERMINATION = 10;
    static final int UNKNOWN_TYPE = 44;
    static final int UNKNOWN_IOA = 47;

    private Cause() {
    }

    /** The cause's name, or null for a value the standard reserves. */
    static String name(int cot) {
        if (cot >= 21 && cot <= 36) {
            return "interrogated_by_group_" + (cot - 20);
        }
        if (cot >= 38 && cot <= 41) {
            return "requested_by_group_" + (cot - 37) + "_counter_request";
        }
        return switch (cot) {
            case 1 -> "periodic";
            case 2 -> "background_scan";
            case 3 -> "spontaneous";
            case 4 -> "initialized";
            case 5 -> "request";
            case 6 -> "activation";
            case 7 -> "activation_confirmation";
            case 8 -> "deactivation";
            case 9 -> "deactivation_confirmation";
            case 10 -> "activation_termination";
            case 11 -> "return_information_remote_command";
            case 12 -> "return_information_local_command";
            case 13 -> "file_transfer";
            case 20 -> "interrogated_by_station_interrogation";
            case 37 -> "requested_by_general_counter_request";
            case 44 -> "unknown_type_identification";
            case 45 -> "unknown_cause_of_transmission";
            case 46 -> "unknown_common_address_of_asdu";
            case 47 -> "unknown_information_object_address";
            default -> null;
        };
    }

    /** A mirrored ASDU refusing an activation: unknown type, cause, common address or object address. */
    static boolean isRefusal(int cot) {
        return cot >= UNKNOWN_TYPE && cot <= UNKNOWN_IOA;
    }
}
