package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.EventCategory;

/**
 * CIP service codes (CIP Vol. 1, appendix A: common services 0x01-0x1C; object-specific services 0x4B-0x63 named
 * by the class they are sent to: Connection Manager, File, PCCC, and the Logix tag services on symbolic paths and
 * the Symbol/Template classes) with their canonical names and what they do to the process.
 */
final class CipService {

    static final int GET_ATTRIBUTES_ALL = 0x01;
    static final int RESET = 0x05;
    static final int START = 0x06;
    static final int STOP = 0x07;
    static final int MULTIPLE_SERVICE_PACKET = 0x0A;
    static final int EXECUTE_PCCC = 0x4B;
    static final int FORWARD_CLOSE = 0x4E;
    static final int UNCONNECTED_SEND = 0x52;
    static final int FORWARD_OPEN = 0x54;
    static final int LARGE_FORWARD_OPEN = 0x5B;

    static final int CLASS_IDENTITY = 0x01;
    static final int CLASS_MESSAGE_ROUTER = 0x02;
    static final int CLASS_CONNECTION_MANAGER = 0x06;
    static final int CLASS_FILE = 0x37;
    static final int CLASS_PCCC = 0x67;
    static final int CLASS_SYMBOL = 0x6B;
    static final int CLASS_TEMPLATE = 0x6C;

    private CipService() {
    }

    /** What a service sent to this path is: its name and category. */
    record Kind(String name, EventCategory category) {
    }

    private static Kind k(String name, EventCategory category) {
        return new Kind(name, category);
    }

    private static final Kind OBJECT_SPECIFIC = k("object_specific_service", EventCategory.OTHER);
    private static final Kind RESERVED = k("reserved_service", EventCategory.OTHER);

    /**
     * The service sent to {@code classId} ({@link CipPath#ABSENT} when unknown) on a path that is symbolic or not.
     */
    static Kind of(int service, long classId, boolean symbolic) {
        switch (service) {
            case 0x01: return k("get_attributes_all", EventCategory.READ);
            case 0x02: return k("set_attributes_all", EventCategory.WRITE);
            case 0x03: return k("get_attribute_list", EventCategory.READ);
            case 0x04: return k("set_attribute_list", EventCategory.WRITE);
            case 0x05: return k("reset", EventCategory.CONTROL);
            case 0x06: return k("start", EventCategory.CONTROL);
            case 0x07: return k("stop", EventCategory.CONTROL);
            case 0x08: return k("create", EventCategory.WRITE);
            case 0x09: return k("delete", EventCategory.WRITE);
            case 0x0A: return k("multiple_service_packet", EventCategory.OTHER);
            case 0x0D: return k("apply_attributes", EventCategory.WRITE);
            case 0x0E: return k("get_attribute_single", EventCategory.READ);
            case 0x10: return k("set_attribute_single", EventCategory.WRITE);
            case 0x11: return k("find_next_object_instance", EventCategory.DISCOVERY);
            case 0x14: return k("error_response", EventCategory.OTHER);
            case 0x15: return k("restore", EventCategory.PROGRAM);
            case 0x16: return k("save", EventCategory.PROGRAM);
            case 0x17: return k("no_operation", EventCategory.OTHER);
            case 0x18: return k("get_member", EventCategory.READ);
            case 0x19: return k("set_member", EventCategory.WRITE);
            case 0x1A: return k("insert_member", EventCategory.WRITE);
            case 0x1B: return k("remove_member", EventCategory.WRITE);
            case 0x1C: return k("group_sync", EventCategory.OTHER);
            default: break;
        }
        if (service < 0x4B || service > 0x63) {
            return RESERVED;
        }
        if (classId == CLASS_CONNECTION_MANAGER) {
            return switch (service) {
                case FORWARD_CLOSE -> k("forward_close", EventCategory.OTHER);
                case UNCONNECTED_SEND -> k("unconnected_send", EventCategory.OTHER);
                case FORWARD_OPEN -> k("forward_open", EventCategory.OTHER);
                case 0x56 -> k("get_connection_data", EventCategory.READ);
                case 0x57 -> k("search_connection_data", EventCategory.READ);
                case 0x5A -> k("get_connection_owner", EventCategory.READ);
                case LARGE_FORWARD_OPEN -> k("large_forward_open", EventCategory.OTHER);
                default -> OBJECT_SPECIFIC;
            };
        }
        if (classId == CLASS_PCCC) {
            return service == EXECUTE_PCCC ? k("execute_pccc", EventCategory.OTHER) : OBJECT_SPECIFIC;
        }
        if (classId == CLASS_FILE) {
            return switch (service) {
                case 0x4B -> k("initiate_upload", EventCategory.PROGRAM);
                case 0x4C -> k("initiate_download", EventCategory.PROGRAM);
                case 0x4D -> k("initiate_partial_read", EventCategory.READ);
                case 0x4E -> k("initiate_partial_write", EventCategory.WRITE);
                case 0x4F -> k("upload_transfer", EventCategory.PROGRAM);
                case 0x50 -> k("download_transfer", EventCategory.PROGRAM);
                case 0x51 -> k("clear_file", EventCategory.PROGRAM);
                default -> OBJECT_SPECIFIC;
            };
        }
        if (symbolic || classId == CLASS_SYMBOL || classId == CLASS_TEMPLATE) {
            return switch (service) {
                case 0x4C -> k("read_tag", EventCategory.READ);
                case 0x4D -> k("write_tag", EventCategory.WRITE);
                case 0x4E -> k("read_modify_write_tag", EventCategory.WRITE);
                case 0x52 -> k("read_tag_fragmented", EventCategory.READ);
                case 0x53 -> k("write_tag_fragmented", EventCategory.WRITE);
                case 0x55 -> k("get_instance_attribute_list", EventCategory.READ);
                default -> OBJECT_SPECIFIC;
            };
        }
        return OBJECT_SPECIFIC;
    }

    /** Rank of a category when a Multiple Service Packet takes the weightiest of its services'. */
    static int weight(EventCategory c) {
        return switch (c) {
            case CONTROL -> 6;
            case PROGRAM -> 5;
            case WRITE -> 4;
            case READ -> 3;
            case DIAGNOSTIC -> 2;
            case DISCOVERY -> 1;
            default -> 0;
        };
    }

    /** General status names (CIP Vol. 1, appendix B). */
    static String statusName(int status) {
        return switch (status) {
            case 0x00 -> "success";
            case 0x01 -> "connection failure";
            case 0x02 -> "resource unavailable";
            case 0x03 -> "invalid parameter value";
            case 0x04 -> "path segment error";
            case 0x05 -> "path destination unknown";
            case 0x06 -> "partial transfer";
            case 0x07 -> "connection lost";
            case 0x08 -> "service not supported";
            case 0x09 -> "invalid attribute value";
            case 0x0A -> "attribute list error";
            case 0x0B -> "already in requested mode/state";
            case 0x0C -> "object state conflict";
            case 0x0D -> "object already exists";
            case 0x0E -> "attribute not settable";
            case 0x0F -> "privilege violation";
            case 0x10 -> "device state conflict";
            case 0x11 -> "reply data too large";
            case 0x12 -> "fragmentation of a primitive value";
            case 0x13 -> "not enough data";
            case 0x14 -> "attribute not supported";
            case 0x15 -> "too much data";
            case 0x16 -> "object does not exist";
            case 0x17 -> "service fragmentation sequence not in progress";
            case 0x18 -> "no stored attribute data";
            case 0x19 -> "store operation failure";
            case 0x1A -> "routing failure, request packet too large";
            case 0x1B -> "routing failure, response packet too large";
            case 0x1C -> "missing attribute list entry data";
            case 0x1D -> "invalid attribute value list";
            case 0x1E -> "embedded service error";
            case 0x1F -> "vendor specific error";
            case 0x20 -> "invalid parameter";
            case 0x21 -> "write-once value or medium already written";
            case 0x22 -> "invalid reply received";
            case 0x25 -> "key failure in path";
            case 0x26 -> "path size invalid";
            case 0x27 -> "unexpected attribute in list";
            case 0x28 -> "invalid member id";
            case 0x29 -> "member not settable";
            default -> "unknown status";
        };
    }

    /** Class names for the classes commonly addressed (CIP Vol. 1, table 5-1.1, and the Logix classes). */
    static String className(long classId) {
        return switch ((int) classId) {
            case 0x01 -> "identity";
            case 0x02 -> "message_router";
            case 0x03 -> "devicenet";
            case 0x04 -> "assembly";
            case 0x05 -> "connection";
            case 0x06 -> "connection_manager";
            case 0x07 -> "register";
            case 0x0F -> "parameter";
            case 0x37 -> "file";
            case 0x43 -> "time_sync";
            case 0x47 -> "device_level_ring";
            case 0x48 -> "qos";
            case 0x67 -> "pccc";
            case 0x6B -> "symbol";
            case 0x6C -> "template";
            case 0xF4 -> "port";
            case 0xF5 -> "tcp_ip_interface";
            case 0xF6 -> "ethernet_link";
            default -> null;
        };
    }
}
