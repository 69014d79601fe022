package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.model.DetailWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The detail writes exactly the agreed {@code otsoc.modbus.*} field names, numbers as numbers, nothing absent. */
class ModbusDetailTest {

    /** The field names agreed with the ECS mapping, in the order they are written. */
    static final List<String> AGREED_FIELDS = List.of(
            "transaction_id", "unit_id", "function_code", "exception_code", "exception", "address", "quantity",
            "request_values", "response_values", "read_address", "read_quantity", "write_address", "write_quantity",
            "and_mask", "or_mask", "subfunction_code", "mei_type", "read_device_id_code", "object_id",
            "conformity_level", "more_follows", "vendor_name", "product_code", "revision", "vendor_url",
            "product_name", "model_name", "user_application_name", "file_number", "record_number", "record_length",
            "sub_request_count", "fifo_pointer_address", "fifo_count", "exception_status", "event_count", "status",
            "server_id", "run_indicator");

    private static final List<String> TEXT_FIELDS = List.of("exception", "vendor_name", "product_code", "revision",
            "vendor_url", "product_name", "model_name", "user_application_name", "server_id");
    private static final List<String> FLAG_FIELDS = List.of("more_follows", "run_indicator");
    private static final List<String> LIST_FIELDS = List.of("request_values", "response_values");

    /** Records each call by kind. */
    static final class FieldRecorder implements DetailWriter {
        final Map<String, Object> fields = new LinkedHashMap<>();
        final Map<String, String> kinds = new LinkedHashMap<>();

        private void put(String field, Object value, String kind) {
            assertThat(fields).as("field %s written twice", field).doesNotContainKey(field);
            fields.put(field, value);
            kinds.put(field, kind);
        }

        @Override
        public void number(String field, long value) {
            put(field, value, "number");
        }

        @Override
        public void decimal(String field, double value) {
            put(field, value, "decimal");
        }

        @Override
        public void text(String field, String value) {
            put(field, value, "text");
        }

        @Override
        public void flag(String field, boolean value) {
            put(field, value, "flag");
        }

        @Override
        public void numbers(String field, int[] values, int count) {
            List<Integer> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                list.add(values[i]);
            }
            put(field, list, "numbers");
        }

        @Override
        public void texts(String field, List<String> values) {
            put(field, values, "texts");
        }
    }

    private static ModbusDetail everyFieldSet() {
        return new ModbusDetail(1, 2, 3, 4, "server_device_failure", 5, 6, new int[] {7, 8}, new int[] {9},
                10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, true, "vendor", "code", "rev", "url", "product", "model",
                "app", Map.of(0x80, "extra"), 21, 22, 23, 24, 25, 26, 27, 28, 29, "0aff", false, 30, 31);
    }

    @Test
    void writesExactlyTheAgreedFieldsInOrderWithTheirKinds() {
        FieldRecorder r = new FieldRecorder();
        everyFieldSet().writeFields(r);
        assertThat(r.fields.keySet()).containsExactlyElementsOf(AGREED_FIELDS);
        r.kinds.forEach((field, kind) -> {
            String expected = TEXT_FIELDS.contains(field) ? "text"
                    : FLAG_FIELDS.contains(field) ? "flag" : LIST_FIELDS.contains(field) ? "numbers" : "number";
            assertThat(kind).as(field).isEqualTo(expected);
        });
        assertThat(r.fields.get("request_values")).isEqualTo(List.of(7, 8));
        assertThat(r.fields.get("more_follows")).isEqualTo(true);
        assertThat(r.fields.get("run_indicator")).isEqualTo(false);
        assertThat(r.fields.get("status")).isEqualTo(29L);
    }

    @Test
    void absentFieldsAreNotWritten() {
        ModbusWire.Session s = new ModbusWire.Session().exchange(5, 17, "03 006B 0003", "03 06 022B 0000 0064");
        FieldRecorder r = new FieldRecorder();
        s.out.onlyDetail().writeFields(r);
        assertThat(r.fields).containsExactly(
                Map.entry("transaction_id", 5L), Map.entry("unit_id", 17L), Map.entry("function_code", 3L),
                Map.entry("address", 107L), Map.entry("quantity", 3L),
                Map.entry("response_values", List.of(555, 0, 100)));
    }

    @Test
    void everyDecodedTransactionWritesOnlyAgreedFields() {
        String[][] exchanges = {
                {"01 0013 0013", "01 03 CD 6B 05"}, {"07", "07 6D"}, {"08 0000 A537", "08 0000 A537"},
                {"0B", "0B FFFF 0108"}, {"0C", "0C 08 0000 0108 0121 20 00"}, {"11", "11 03 0A FF 01"},
                {"14 0E 06 0004 0001 0002 06 0003 0009 0002", "14 0C 05 06 0DFE 0020 05 06 33CD 0040"},
                {"16 0004 00F2 0025", "16 0004 00F2 0025"},
                {"17 0003 0006 000E 0003 06 00FF 00FF 00FF", "17 0C 00FE 0ACD 0001 0003 000D 00FF"},
                {"18 04DE", "18 0006 0002 01B8 1284"},
                {"2B 0E 01 00", "2B 0E 01 01 00 00 02 00 01 41 80 01 42"}, {"03 0000 0001", "83 02"}};
        for (String[] x : exchanges) {
            ModbusWire.Session s = new ModbusWire.Session().exchange(1, 1, x[0], x[1]);
            FieldRecorder r = new FieldRecorder();
            s.out.onlyDetail().writeFields(r);
            assertThat(AGREED_FIELDS).as(x[0]).containsAll(r.fields.keySet());
            assertThat(r.fields).as(x[0]).containsKeys("transaction_id", "unit_id", "function_code");
        }
    }

    @Test
    void valueListsAreCopiesSoTheRecordStaysImmutable() {
        ModbusDetail d = everyFieldSet();
        d.requestValues()[0] = 99;
        assertThat(d.requestValues()).containsExactly(7, 8);
        assertThat(d).isEqualTo(everyFieldSet()).hasSameHashCodeAs(everyFieldSet());
        assertThat(d.toString()).contains("request_values=[7, 8]", "other_device_objects={128=extra}");
    }
}
