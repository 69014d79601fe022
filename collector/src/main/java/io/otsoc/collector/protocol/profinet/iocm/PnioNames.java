package io.otsoc.collector.protocol.profinet.iocm;

import io.otsoc.collector.model.EventCategory;

import java.util.UUID;

/** Names from IEC 61158-6-10 for PNIO operations, interfaces, control commands and DCE/RPC packet types. */
final class PnioNames {

    private PnioNames() {
    }

    /** PNIO interface UUIDs DEA0000x-6C97-11D1-8271-00A02442DF7D (x: 1 device, 2 controller, 3 supervisor, 4 parameter server). */
    private static final long PNIO_TIME_LOW_BASE = 0xDEA00000L;
    private static final long PNIO_MID_HI = 0x6C97_11D1L;
    private static final long PNIO_LSB = 0x8271_00A0_2442_DF7DL;

    private static final String[] OPERATIONS = {"connect", "release", "read", "write", "control", "read_implicit"};
    private static final String[] INTERFACES = {null, "pnio_device", "pnio_controller", "pnio_supervisor",
        "pnio_parameter_server"};
    private static final String[] CONTROL_BITS = {"prm_end", "application_ready", "release", "done",
        "ready_for_companion", "ready_for_rt_class_3", "prm_begin"};
    private static final String[] PACKET_ACTIONS = {"request", "ping", "response", "fault", "working", "no_call",
        "reject", "ack", "cancel", "fragment_ack", "cancel_ack"};

    /** The PNIO interface name of a UUID, or null for another interface. */
    static String interfaceName(UUID uuid) {
        if (uuid == null || uuid.getLeastSignificantBits() != PNIO_LSB) {
            return null;
        }
        long msb = uuid.getMostSignificantBits();
        if ((msb & 0xFFFF_FFFFL) != PNIO_MID_HI) {
            return null;
        }
        long n = (msb >>> 32) - PNIO_TIME_LOW_BASE;
        return n >= 1 && n <= 4 ? INTERFACES[(int) n] : null;
    }

    static String operation(int opnum) {
        return opnum >= 0 && opnum < OPERATIONS.length ? OPERATIONS[opnum] : "operation_" + opnum;
    }

    static EventCategory category(int opnum) {
        return switch (opnum) {
            case 0, 1, 4 -> EventCategory.CONTROL;
            case 2, 5 -> EventCategory.READ;
            case 3 -> EventCategory.WRITE;
            default -> EventCategory.OTHER;
        };
    }

    /** An action for a packet that is not part of a request/response exchange, e.g. {@code ping}. */
    static String packetAction(int packetType) {
        return PACKET_ACTIONS[packetType];
    }

    /** The ControlCommand bits by name, comma-separated, e.g. {@code prm_end}; null for none. */
    static String controlCommand(int bits) {
        if (bits <= 0) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if ((bits & (1 << i)) != 0) {
                if (s.length() > 0) {
                    s.append(',');
                }
                s.append(i < CONTROL_BITS.length ? CONTROL_BITS[i] : "bit_" + i);
            }
        }
        return s.toString();
    }
}
