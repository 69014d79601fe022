package io.otsoc.collector.protocol.modbus;

import java.util.Locale;
import java.util.Map;

import static io.otsoc.collector.protocol.modbus.ModbusDetail.ABSENT;

/**
 * The names Zeek's Modbus analyzer and the ICSNPP plugin write for function codes, exception codes, diagnostics
 * sub-functions and MEI types (Zeek's {@code base/protocols/modbus/consts.zeek}, ICSNPP's {@code main.zeek}),
 * so that our events can be put in the oracles' words. Only the names the shared oracles use for sub-functions and
 * MEI types are listed; any other value gets a name that matches nothing, which shows up as a mismatch.
 */
final class ZeekModbusNames {

    private static final Map<Integer, String> FUNCTIONS = Map.ofEntries(
            Map.entry(0x01, "READ_COILS"), Map.entry(0x02, "READ_DISCRETE_INPUTS"),
            Map.entry(0x03, "READ_HOLDING_REGISTERS"), Map.entry(0x04, "READ_INPUT_REGISTERS"),
            Map.entry(0x05, "WRITE_SINGLE_COIL"), Map.entry(0x06, "WRITE_SINGLE_REGISTER"),
            Map.entry(0x07, "READ_EXCEPTION_STATUS"), Map.entry(0x08, "DIAGNOSTICS"),
            Map.entry(0x0B, "GET_COMM_EVENT_COUNTER"), Map.entry(0x0C, "GET_COMM_EVENT_LOG"),
            Map.entry(0x0F, "WRITE_MULTIPLE_COILS"), Map.entry(0x10, "WRITE_MULTIPLE_REGISTERS"),
            Map.entry(0x11, "REPORT_SLAVE_ID"), Map.entry(0x14, "READ_FILE_RECORD"),
            Map.entry(0x15, "WRITE_FILE_RECORD"), Map.entry(0x16, "MASK_WRITE_REGISTER"),
            Map.entry(0x17, "READ_WRITE_MULTIPLE_REGISTERS"), Map.entry(0x18, "READ_FIFO_QUEUE"),
            Map.entry(0x2B, "ENCAP_INTERFACE_TRANSPORT"), Map.entry(0x5A, "PROGRAM_UNITY"));

    private static final Map<Integer, String> EXCEPTIONS = Map.of(
            0x01, "ILLEGAL_FUNCTION", 0x02, "ILLEGAL_DATA_ADDRESS", 0x03, "ILLEGAL_DATA_VALUE",
            0x04, "SLAVE_DEVICE_FAILURE", 0x05, "ACKNOWLEDGE", 0x06, "SLAVE_DEVICE_BUSY",
            0x08, "MEMORY_PARITY_ERROR", 0x0A, "GATEWAY_PATH_UNAVAILABLE",
            0x0B, "GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND");

    private static final Map<Integer, String> DIAGNOSTICS_SUBFUNCTIONS = Map.of(0x02, "Return Diagnostic Register");

    private static final Map<Integer, String> MEI_TYPES = Map.of(0x0E, "Read Device Identification");

    private ZeekModbusNames() {
    }

    /** Zeek's name of a function code without the exception bit, e.g. {@code REPORT_SLAVE_ID} for 17. */
    static String function(int code) {
        return FUNCTIONS.getOrDefault(code, "unknown-" + code);
    }

    /** The code Zeek names {@code name}; an {@code _EXCEPTION} suffix adds the exception bit. */
    static int code(String name) {
        boolean exception = name.endsWith("_EXCEPTION");
        String base = exception ? name.substring(0, name.length() - "_EXCEPTION".length()) : name;
        for (Map.Entry<Integer, String> e : FUNCTIONS.entrySet()) {
            if (e.getValue().equals(base)) {
                return e.getKey() | (exception ? 0x80 : 0);
            }
        }
        throw new IllegalArgumentException("not a Zeek Modbus function name: " + name);
    }

    /** Zeek's exception name, or {@code -} for {@link ModbusDetail#ABSENT}. */
    static String exception(int code) {
        return code == ABSENT ? "-" : EXCEPTIONS.getOrDefault(code, "unknown-" + code);
    }

    static String diagnosticsSubfunction(int code) {
        return code == ABSENT ? "-" : DIAGNOSTICS_SUBFUNCTIONS.getOrDefault(code, "sub-function " + code);
    }

    static String meiType(int code) {
        return code == ABSENT ? "-" : MEI_TYPES.getOrDefault(code, "MEI type " + code);
    }

    /**
     * The function code our event's action stands for: the action's own code for the public functions (43 for
     * each of its MEI splits), the detail's code for the user-defined and unknown groups, -1 for an event that
     * names no operation ({@code malformed_message}).
     */
    static int actionCode(String action, ModbusDetail detail) {
        ModbusFunction function;
        try {
            function = ModbusFunction.valueOf(action.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notAFunction) {
            return -1;
        }
        return function.code() > 0 ? function.code() : detail.functionCode();
    }

    /** Zeek's function name for our event's action, or the action itself when it names no operation. */
    static String functionOfAction(String action, ModbusDetail detail) {
        int code = actionCode(action, detail);
        return code < 0 ? action : function(code);
    }
}
