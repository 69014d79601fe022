package io.otsoc.collector.protocol.modbus;

/** The exception codes of Modbus Application Protocol Specification V1.1b3, section 7. */
public enum ModbusExceptionCode {
    ILLEGAL_FUNCTION(0x01),
    ILLEGAL_DATA_ADDRESS(0x02),
    ILLEGAL_DATA_VALUE(0x03),
    SERVER_DEVICE_FAILURE(0x04),
    ACKNOWLEDGE(0x05),
    SERVER_DEVICE_BUSY(0x06),
    MEMORY_PARITY_ERROR(0x08),
    GATEWAY_PATH_UNAVAILABLE(0x0A),
    GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND(0x0B);

    private static final ModbusExceptionCode[] BY_CODE = new ModbusExceptionCode[256];
    /** Error messages for every code, built once so that an exception response allocates no text. */
    private static final String[] MESSAGES = new String[256];

    static {
        for (ModbusExceptionCode e : values()) {
            BY_CODE[e.code] = e;
        }
        for (int code = 0; code < MESSAGES.length; code++) {
            ModbusExceptionCode e = BY_CODE[code];
            MESSAGES[code] = "Modbus exception " + code + (e == null ? " (not defined by the specification)" : " (" + e.snakeName + ")");
        }
    }

    private final int code;
    private final String snakeName;

    ModbusExceptionCode(int code) {
        this.code = code;
        this.snakeName = name().toLowerCase(java.util.Locale.ROOT);
    }

    public int code() {
        return code;
    }

    /** The name as written in events, e.g. {@code illegal_data_address}. */
    public String snakeName() {
        return snakeName;
    }

    /** The exception for a code, or null when the specification does not define it. */
    public static ModbusExceptionCode of(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }

    /** The event's error message for an exception response with this code. */
    static String message(int code) {
        return MESSAGES[code & 0xFF];
    }
}
