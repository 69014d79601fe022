package io.otsoc.mappings.ecs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields the Modbus decoder writes under {@code otsoc.modbus} and their index types, as agreed with the
 * decoder: numbers are long, except the names listed as keyword or boolean.
 */
final class ModbusFieldContract {

    static final Map<String, String> FIELDS = new LinkedHashMap<>();

    static {
        for (String name : new String[] {"transaction_id", "unit_id", "function_code", "exception_code", "address",
                "quantity", "request_values", "response_values", "read_address", "read_quantity", "write_address",
                "write_quantity", "and_mask", "or_mask", "subfunction_code", "mei_type", "read_device_id_code",
                "object_id", "conformity_level", "file_number", "record_number", "record_length",
                "sub_request_count", "fifo_pointer_address", "fifo_count", "exception_status", "event_count",
                "status"}) {
            FIELDS.put(name, "long");
        }
        for (String name : new String[] {"exception", "vendor_name", "product_code", "revision", "vendor_url",
                "product_name", "model_name", "user_application_name", "server_id"}) {
            FIELDS.put(name, "keyword");
        }
        FIELDS.put("more_follows", "boolean");
        FIELDS.put("run_indicator", "boolean");
    }

    private ModbusFieldContract() {
    }
}
