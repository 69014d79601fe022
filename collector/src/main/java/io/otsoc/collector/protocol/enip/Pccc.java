package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.EventCategory;

/**
 * PCCC (DF1 application layer) commands carried by CIP Execute PCCC (class 0x67, service 0x4B): the command byte,
 * and for commands 0x06 and 0x0F the function byte, name the operation (Allen-Bradley publication 1770-6.5.16).
 */
final class Pccc {

    private Pccc() {
    }

    /** Whether the command carries a function code byte after the transaction number. */
    static boolean hasFunction(int command) {
        return command == 0x06 || command == 0x07 || command == 0x0F;
    }

    static String operation(int command, int function) {
        switch (command) {
            case 0x00: return "protected_write";
            case 0x01: return "unprotected_read";
            case 0x02: return "protected_bit_write";
            case 0x04: return "physical_read";
            case 0x05: return "unprotected_bit_write";
            case 0x08: return "unprotected_write";
            case 0x06:
                return switch (function) {
                    case 0x00 -> "echo";
                    case 0x01 -> "read_diagnostic_counters";
                    case 0x02 -> "set_variables";
                    case 0x03 -> "diagnostic_status";
                    case 0x04 -> "set_timeout";
                    case 0x05 -> "set_nak";
                    case 0x06 -> "set_enq";
                    case 0x07 -> "reset_diagnostic_counters";
                    default -> "diagnostic_function";
                };
            case 0x0F:
                return switch (function) {
                    case 0x00 -> "word_range_write";
                    case 0x01 -> "word_range_read";
                    case 0x02 -> "bit_write";
                    case 0x11 -> "get_edit_resource";
                    case 0x12 -> "return_edit_resource";
                    case 0x17 -> "read_bytes_physical";
                    case 0x18 -> "write_bytes_physical";
                    case 0x26 -> "read_modify_write";
                    case 0x29 -> "read_section_size";
                    case 0x3A -> "set_cpu_mode";
                    case 0x41 -> "disable_forces";
                    case 0x52 -> "download_completed";
                    case 0x67 -> "typed_write";
                    case 0x68 -> "typed_read";
                    case 0x80 -> "change_mode";
                    case 0xA1 -> "protected_typed_logical_read_2_address";
                    case 0xA2 -> "protected_typed_logical_read_3_address";
                    case 0xA9 -> "protected_typed_logical_write_2_address";
                    case 0xAA -> "protected_typed_logical_write_3_address";
                    case 0xAB -> "protected_typed_logical_write_with_mask";
                    default -> "command_0f_function";
                };
            default: return "other_command";
        }
    }

    static EventCategory category(int command, int function) {
        switch (command) {
            case 0x01:
            case 0x04:
                return EventCategory.READ;
            case 0x00:
            case 0x02:
            case 0x05:
            case 0x08:
                return EventCategory.WRITE;
            case 0x06:
                return EventCategory.DIAGNOSTIC;
            case 0x0F:
                return switch (function) {
                    case 0x01, 0x17, 0x29, 0x68, 0xA1, 0xA2 -> EventCategory.READ;
                    case 0x00, 0x02, 0x18, 0x26, 0x67, 0xA9, 0xAA, 0xAB -> EventCategory.WRITE;
                    case 0x11, 0x12, 0x52 -> EventCategory.PROGRAM;
                    case 0x3A, 0x41, 0x80 -> EventCategory.CONTROL;
                    default -> EventCategory.OTHER;
                };
            default:
                return EventCategory.OTHER;
        }
    }
}
