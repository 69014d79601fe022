package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.EventCategory;

/** Encapsulation commands (CIP Vol. 2, table 2-3.2) and statuses (table 2-3.3). */
final class EnipCommand {

    static final int NOP = 0x00;
    static final int LIST_SERVICES = 0x04;
    static final int LIST_IDENTITY = 0x63;
    static final int LIST_INTERFACES = 0x64;
    static final int REGISTER_SESSION = 0x65;
    static final int UNREGISTER_SESSION = 0x66;
    static final int SEND_RR_DATA = 0x6F;
    static final int SEND_UNIT_DATA = 0x70;
    static final int INDICATE_STATUS = 0x72;
    static final int CANCEL = 0x73;

    private EnipCommand() {
    }

    static boolean known(int command) {
        return switch (command) {
            case NOP, LIST_SERVICES, LIST_IDENTITY, LIST_INTERFACES, REGISTER_SESSION, UNREGISTER_SESSION,
                 SEND_RR_DATA, SEND_UNIT_DATA, INDICATE_STATUS, CANCEL -> true;
            default -> false;
        };
    }

    /** The command's canonical snake_case name, the event action. */
    static String name(int command) {
        return switch (command) {
            case NOP -> "nop";
            case LIST_SERVICES -> "list_services";
            case LIST_IDENTITY -> "list_identity";
            case LIST_INTERFACES -> "list_interfaces";
            case REGISTER_SESSION -> "register_session";
            case UNREGISTER_SESSION -> "unregister_session";
            case SEND_RR_DATA -> "send_rr_data";
            case SEND_UNIT_DATA -> "send_unit_data";
            case INDICATE_STATUS -> "indicate_status";
            case CANCEL -> "cancel";
            default -> "unknown_command";
        };
    }

    /** The specification's spelling, for messages. */
    static String display(int command) {
        return switch (command) {
            case NOP -> "NOP";
            case LIST_SERVICES -> "ListServices";
            case LIST_IDENTITY -> "ListIdentity";
            case LIST_INTERFACES -> "ListInterfaces";
            case REGISTER_SESSION -> "RegisterSession";
            case UNREGISTER_SESSION -> "UnregisterSession";
            case SEND_RR_DATA -> "SendRRData";
            case SEND_UNIT_DATA -> "SendUnitData";
            case INDICATE_STATUS -> "IndicateStatus";
            case CANCEL -> "Cancel";
            default -> "command 0x" + Integer.toHexString(command);
        };
    }

    static EventCategory category(int command) {
        return switch (command) {
            case LIST_SERVICES, LIST_IDENTITY, LIST_INTERFACES -> EventCategory.DISCOVERY;
            default -> EventCategory.OTHER;
        };
    }

    static boolean knownStatus(long status) {
        return status == 0 || status == 1 || status == 2 || status == 3 || status == 0x64 || status == 0x65
                || status == 0x69 || status == 0x6A;
    }

    static String statusText(long status) {
        String name = switch ((int) status) {
            case 0x01 -> "invalid or unsupported command";
            case 0x02 -> "insufficient memory resources";
            case 0x03 -> "malformed or incorrect data";
            case 0x64 -> "invalid session handle";
            case 0x65 -> "invalid length";
            case 0x69 -> "unsupported encapsulation protocol version";
            case 0x6A -> "CIP service not allowed";
            default -> "unknown status";
        };
        return "EtherNet/IP encapsulation status 0x" + Long.toHexString(status) + ": " + name;
    }
}
