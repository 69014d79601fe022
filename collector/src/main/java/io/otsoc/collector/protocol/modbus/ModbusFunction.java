package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.model.EventCategory;

/**
 * The public function codes of the Modbus Application Protocol Specification V1.1b3, with the canonical action
 * name ({@code event.action}) and what each does to the process. Function 43 (Encapsulated Interface Transport)
 * is split by its MEI type, because reading a device's identity and tunnelling CANopen are different operations.
 */
public enum ModbusFunction {
    READ_COILS(1, EventCategory.READ),
    READ_DISCRETE_INPUTS(2, EventCategory.READ),
    READ_HOLDING_REGISTERS(3, EventCategory.READ),
    READ_INPUT_REGISTERS(4, EventCategory.READ),
    WRITE_SINGLE_COIL(5, EventCategory.WRITE),
    WRITE_SINGLE_REGISTER(6, EventCategory.WRITE),
    READ_EXCEPTION_STATUS(7, EventCategory.DIAGNOSTIC),
    DIAGNOSTICS(8, EventCategory.DIAGNOSTIC),
    GET_COMM_EVENT_COUNTER(11, EventCategory.DIAGNOSTIC),
    GET_COMM_EVENT_LOG(12, EventCategory.DIAGNOSTIC),
    WRITE_MULTIPLE_COILS(15, EventCategory.WRITE),
    WRITE_MULTIPLE_REGISTERS(16, EventCategory.WRITE),
    REPORT_SERVER_ID(17, EventCategory.DIAGNOSTIC),
    READ_FILE_RECORD(20, EventCategory.READ),
    WRITE_FILE_RECORD(21, EventCategory.WRITE),
    MASK_WRITE_REGISTER(22, EventCategory.WRITE),
    /** Reads and writes in one transaction; classed as a write because that is what changes the process. */
    READ_WRITE_MULTIPLE_REGISTERS(23, EventCategory.WRITE),
    READ_FIFO_QUEUE(24, EventCategory.READ),
    /** Function 43 with an MEI type other than 13 and 14, or whose MEI type was not seen. */
    ENCAPSULATED_INTERFACE_TRANSPORT(43, EventCategory.OTHER),
    /** Function 43, MEI type 13. */
    CAN_OPEN_GENERAL_REFERENCE(43, EventCategory.OTHER),
    /** Function 43, MEI type 14. */
    READ_DEVICE_IDENTIFICATION(43, EventCategory.DISCOVERY),
    /** Codes 65-72 and 100-110, left to vendors by the specification. */
    USER_DEFINED_FUNCTION(-1, EventCategory.OTHER),
    /** Any other code, including the reserved and unassigned public ones. */
    UNKNOWN_FUNCTION(-1, EventCategory.OTHER);

    public static final int MEI_CAN_OPEN_GENERAL_REFERENCE = 13;
    public static final int MEI_READ_DEVICE_IDENTIFICATION = 14;

    /** Diagnostics sub-functions that change how the device communicates rather than just report. */
    static final int RESTART_COMMUNICATIONS_OPTION = 1;
    static final int FORCE_LISTEN_ONLY_MODE = 4;

    private static final ModbusFunction[] BY_CODE = new ModbusFunction[128];

    static {
        for (int code = 0; code < BY_CODE.length; code++) {
            BY_CODE[code] = isUserDefined(code) ? USER_DEFINED_FUNCTION : UNKNOWN_FUNCTION;
        }
        for (ModbusFunction f : values()) {
            if (f.code > 0 && f != CAN_OPEN_GENERAL_REFERENCE && f != READ_DEVICE_IDENTIFICATION) {
                BY_CODE[f.code] = f;
            }
        }
    }

    private final int code;
    private final EventCategory category;
    private final String action;

    ModbusFunction(int code, EventCategory category) {
        this.code = code;
        this.category = category;
        this.action = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The function for a code (exception bit ignored) and, for code 43, its MEI type (-1 when unknown). */
    public static ModbusFunction of(int functionCode, int meiType) {
        int code = functionCode & 0x7F;
        if (code == 43) {
            if (meiType == MEI_READ_DEVICE_IDENTIFICATION) {
                return READ_DEVICE_IDENTIFICATION;
            }
            if (meiType == MEI_CAN_OPEN_GENERAL_REFERENCE) {
                return CAN_OPEN_GENERAL_REFERENCE;
            }
        }
        return BY_CODE[code];
    }

    public static boolean isUserDefined(int functionCode) {
        return (functionCode >= 65 && functionCode <= 72) || (functionCode >= 100 && functionCode <= 110);
    }

    /** The code on the wire, or -1 for the user-defined and unknown groups. */
    public int code() {
        return code;
    }

    /** The canonical action name, e.g. {@code read_holding_registers}. */
    public String action() {
        return action;
    }

    /** What the operation does; diagnostics sub-functions 1 and 4 change the device's behaviour (control). */
    public EventCategory category(int subfunctionCode) {
        if (this == DIAGNOSTICS
                && (subfunctionCode == RESTART_COMMUNICATIONS_OPTION || subfunctionCode == FORCE_LISTEN_ONLY_MODE)) {
            return EventCategory.CONTROL;
        }
        return category;
    }
}
