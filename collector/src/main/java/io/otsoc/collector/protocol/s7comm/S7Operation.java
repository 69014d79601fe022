package io.otsoc.collector.protocol.s7comm;

import io.otsoc.collector.model.EventCategory;

/** Names and categories of S7comm job functions and userdata subfunctions. */
final class S7Operation {

    private S7Operation() {
    }

    static String jobAction(int fc) {
        return switch (fc) {
            case 0xF0 -> "setup_communication";
            case 0x04 -> "read_var";
            case 0x05 -> "write_var";
            case 0x1A -> "request_download";
            case 0x1B -> "download_block";
            case 0x1C -> "download_ended";
            case 0x1D -> "start_upload";
            case 0x1E -> "upload";
            case 0x1F -> "end_upload";
            case 0x28 -> "pi_service";
            case 0x29 -> "plc_stop";
            case S7Detail.ABSENT -> "ack";
            default -> "unknown_function";
        };
    }

    static EventCategory jobCategory(int fc, String piService) {
        return switch (fc) {
            case 0xF0 -> EventCategory.DIAGNOSTIC;
            case 0x04 -> EventCategory.READ;
            case 0x05 -> EventCategory.WRITE;
            case 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F -> EventCategory.PROGRAM;
            // P_PROGRAM starts or resumes the user program (a run-state change); other PI services manage blocks.
            case 0x28 -> "P_PROGRAM".equals(piService) ? EventCategory.CONTROL : EventCategory.PROGRAM;
            case 0x29 -> EventCategory.CONTROL;
            default -> EventCategory.OTHER;
        };
    }

    static String userdataAction(int group, int sub) {
        if (group == 4 && sub == 1) {
            return "read_szl";
        }
        if (group == 3) {
            switch (sub) {
                case 1: return "list_blocks";
                case 2: return "list_blocks_of_type";
                case 3: return "get_block_info";
                default: break;
            }
        }
        if (group == 7) {
            switch (sub) {
                case 1: return "read_clock";
                case 2: return "set_clock";
                case 3: return "read_clock_following";
                case 4: return "set_clock";
                default: break;
            }
        }
        return switch (group) {
            case 0 -> "mode_transition";
            case 1 -> "programmer_commands";
            case 2 -> "cyclic_data";
            case 3 -> "block_functions";
            case 4 -> "cpu_functions";
            case 5 -> "security";
            case 6 -> "pbc_bsend_brecv";
            case 7 -> "time_functions";
            case 0xF -> "nc_programming";
            default -> "userdata";
        };
    }

    static EventCategory userdataCategory(int group, int sub) {
        if ((group == 4 && sub == 1) || group == 3) {
            return EventCategory.DISCOVERY;
        }
        if (group == 7 && (sub == 2 || sub == 4)) {
            return EventCategory.CONTROL;
        }
        if (group == 5) {
            return EventCategory.AUTH;
        }
        return EventCategory.DIAGNOSTIC;
    }

    /** The block type of a file name's two hex digits (e.g. "0A" is a DB), or the two characters as they are. */
    static String blockType(char hi, char lo) {
        if (hi == '0') {
            switch (lo) {
                case '8': return "OB";
                case 'A': return "DB";
                case 'B': return "SDB";
                case 'C': return "FC";
                case 'D': return "SFC";
                case 'E': return "FB";
                case 'F': return "SFB";
                default: break;
            }
        }
        return new String(new char[] {hi, lo});
    }
}
