package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import static io.otsoc.collector.protocol.modbus.ModbusDetail.ABSENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public function code, request and response. Unless noted, the bytes are the examples of Modbus Application
 * Protocol Specification V1.1b3, section 6, and the expected values are those the specification gives for them.
 */
class ModbusFunctionCodesTest {

    private static OtEvent exchange(int unit, String request, String response) {
        ModbusWire.Session s = new ModbusWire.Session().exchange(0x0102, unit, request, response);
        OtEvent e = s.out.onlyEvent();
        assertThat(e.timestampMicros()).isEqualTo(1_000_000);
        assertThat(e.durationMicros()).isEqualTo(250);
        assertThat(e.protocol()).isEqualTo("modbus");
        assertThat(e.flow()).isEqualTo(ModbusWire.FLOW);
        ModbusDetail d = (ModbusDetail) e.detail();
        assertThat(d.transactionId()).isEqualTo(0x0102);
        assertThat(d.unitId()).isEqualTo(unit);
        return e;
    }

    private static ModbusDetail detail(OtEvent e) {
        return (ModbusDetail) e.detail();
    }

    private static void assertSuccess(OtEvent e, String action, EventCategory category, int functionCode) {
        assertThat(e.action()).isEqualTo(action);
        assertThat(e.category()).isEqualTo(category);
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(e.errorMessage()).isNull();
        assertThat(detail(e).functionCode()).isEqualTo(functionCode);
        assertThat(detail(e).exceptionCode()).isEqualTo(ABSENT);
        assertThat(detail(e).exception()).isNull();
    }

    @Test
    void readCoils() {
        // 6.1: coils 20-38; status bytes CD 6B 05, least significant bit first, the last byte padded with zeros
        OtEvent e = exchange(1, "01 0013 0013", "01 03 CD 6B 05");
        assertSuccess(e, "read_coils", EventCategory.READ, 1);
        assertThat(detail(e).address()).isEqualTo(19);
        assertThat(detail(e).quantity()).isEqualTo(19);
        assertThat(detail(e).requestValues()).isNull();
        assertThat(detail(e).responseValues()).containsExactly(
                1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1);
    }

    @Test
    void readDiscreteInputs() {
        // 6.2: inputs 197-218; AC DB 35
        OtEvent e = exchange(1, "02 00C4 0016", "02 03 AC DB 35");
        assertSuccess(e, "read_discrete_inputs", EventCategory.READ, 2);
        assertThat(detail(e).address()).isEqualTo(196);
        assertThat(detail(e).quantity()).isEqualTo(22);
        assertThat(detail(e).responseValues()).containsExactly(
                0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1);
    }

    @Test
    void readHoldingRegisters() {
        // 6.3: registers 108-110 hold 555, 0, 100
        OtEvent e = exchange(1, "03 006B 0003", "03 06 022B 0000 0064");
        assertSuccess(e, "read_holding_registers", EventCategory.READ, 3);
        assertThat(detail(e).address()).isEqualTo(107);
        assertThat(detail(e).quantity()).isEqualTo(3);
        assertThat(detail(e).responseValues()).containsExactly(555, 0, 100);
    }

    @Test
    void readInputRegisters() {
        // 6.4: input register 9 holds 10
        OtEvent e = exchange(1, "04 0008 0001", "04 02 000A");
        assertSuccess(e, "read_input_registers", EventCategory.READ, 4);
        assertThat(detail(e).address()).isEqualTo(8);
        assertThat(detail(e).quantity()).isEqualTo(1);
        assertThat(detail(e).responseValues()).containsExactly(10);
    }

    @Test
    void writeSingleCoil() {
        // 6.5: coil 173 ON; the response echoes the request
        OtEvent e = exchange(1, "05 00AC FF00", "05 00AC FF00");
        assertSuccess(e, "write_single_coil", EventCategory.WRITE, 5);
        assertThat(detail(e).address()).isEqualTo(172);
        assertThat(detail(e).quantity()).isEqualTo(1);
        assertThat(detail(e).requestValues()).containsExactly(1);
        assertThat(detail(e).responseValues()).containsExactly(1);
    }

    @Test
    void writeSingleCoilOff() {
        OtEvent e = exchange(1, "05 00AC 0000", "05 00AC 0000");
        assertThat(detail(e).requestValues()).containsExactly(0);
        assertThat(detail(e).responseValues()).containsExactly(0);
    }

    @Test
    void writeSingleRegister() {
        // 6.6: register 2 set to 3
        OtEvent e = exchange(1, "06 0001 0003", "06 0001 0003");
        assertSuccess(e, "write_single_register", EventCategory.WRITE, 6);
        assertThat(detail(e).address()).isEqualTo(1);
        assertThat(detail(e).requestValues()).containsExactly(3);
        assertThat(detail(e).responseValues()).containsExactly(3);
    }

    @Test
    void readExceptionStatus() {
        // 6.7: outputs 0x6D
        OtEvent e = exchange(1, "07", "07 6D");
        assertSuccess(e, "read_exception_status", EventCategory.DIAGNOSTIC, 7);
        assertThat(detail(e).exceptionStatus()).isEqualTo(0x6D);
    }

    @Test
    void diagnosticsReturnQueryData() {
        // 6.8: sub-function 0 echoes A5 37
        OtEvent e = exchange(1, "08 0000 A537", "08 0000 A537");
        assertSuccess(e, "diagnostics", EventCategory.DIAGNOSTIC, 8);
        assertThat(detail(e).subfunctionCode()).isEqualTo(0);
        assertThat(detail(e).requestValues()).containsExactly(0xA537);
        assertThat(detail(e).responseValues()).containsExactly(0xA537);
    }

    @Test
    void diagnosticsRestartCommunicationsIsControl() {
        // 6.8.1: sub-function 01, data FF 00 clears the communications event log
        OtEvent e = exchange(1, "08 0001 FF00", "08 0001 FF00");
        assertThat(e.action()).isEqualTo("diagnostics");
        assertThat(e.category()).isEqualTo(EventCategory.CONTROL);
        assertThat(detail(e).subfunctionCode()).isEqualTo(1);
        assertThat(detail(e).requestValues()).containsExactly(0xFF00);
    }

    @Test
    void diagnosticsForceListenOnlyIsControlAndGetsNoResponse() {
        // 6.8.1: sub-function 04; the device returns no response
        ModbusWire.Session s = new ModbusWire.Session()
                .request(10, ModbusWire.adu(3, 1, "08 0004 0000")).close(99);
        OtEvent e = s.out.onlyEvent();
        assertThat(e.category()).isEqualTo(EventCategory.CONTROL);
        assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(e.durationMicros()).isEqualTo(-1);
        assertThat(e.timestampMicros()).isEqualTo(10);
        assertThat(detail(e).subfunctionCode()).isEqualTo(4);
    }

    @Test
    void diagnosticsOtherSubFunctionIsDiagnostic() {
        // 6.8.1: sub-function 0x0B, return bus message count
        OtEvent e = exchange(1, "08 000B 0000", "08 000B 0123");
        assertThat(e.category()).isEqualTo(EventCategory.DIAGNOSTIC);
        assertThat(detail(e).subfunctionCode()).isEqualTo(0x0B);
        assertThat(detail(e).responseValues()).containsExactly(0x0123);
    }

    @Test
    void getCommEventCounter() {
        // 6.9: status FFFF (busy), event count 0x0108
        OtEvent e = exchange(1, "0B", "0B FFFF 0108");
        assertSuccess(e, "get_comm_event_counter", EventCategory.DIAGNOSTIC, 11);
        assertThat(detail(e).status()).isEqualTo(0xFFFF);
        assertThat(detail(e).eventCount()).isEqualTo(264);
    }

    @Test
    void getCommEventLog() {
        // 6.10: status 0, event count 264, message count 289, events 20 00
        OtEvent e = exchange(1, "0C", "0C 08 0000 0108 0121 20 00");
        assertSuccess(e, "get_comm_event_log", EventCategory.DIAGNOSTIC, 12);
        assertThat(detail(e).status()).isEqualTo(0);
        assertThat(detail(e).eventCount()).isEqualTo(264);
        assertThat(detail(e).responseValues()).containsExactly(0x20, 0x00);
    }

    @Test
    void writeMultipleCoils() {
        // 6.11: 10 coils from 20: CD 01
        OtEvent e = exchange(1, "0F 0013 000A 02 CD 01", "0F 0013 000A");
        assertSuccess(e, "write_multiple_coils", EventCategory.WRITE, 15);
        assertThat(detail(e).address()).isEqualTo(19);
        assertThat(detail(e).quantity()).isEqualTo(10);
        assertThat(detail(e).requestValues()).containsExactly(1, 0, 1, 1, 0, 0, 1, 1, 1, 0);
        assertThat(detail(e).responseValues()).isNull();
    }

    @Test
    void writeMultipleRegisters() {
        // 6.12: registers 2-3 set to 000A 0102
        OtEvent e = exchange(1, "10 0001 0002 04 000A 0102", "10 0001 0002");
        assertSuccess(e, "write_multiple_registers", EventCategory.WRITE, 16);
        assertThat(detail(e).address()).isEqualTo(1);
        assertThat(detail(e).quantity()).isEqualTo(2);
        assertThat(detail(e).requestValues()).containsExactly(10, 258);
    }

    @Test
    void reportServerIdWithOneByteId() {
        // 6.17 layout: byte count, server id, run indicator (FF = ON), additional data (hand-built values)
        OtEvent e = exchange(1, "11", "11 03 0A FF 01");
        assertSuccess(e, "report_server_id", EventCategory.DIAGNOSTIC, 17);
        assertThat(detail(e).serverId()).isEqualTo("0a");
        assertThat(detail(e).runIndicator()).isTrue();
    }

    @Test
    void reportServerIdWithTextIdAndRunIndicatorLast() {
        // the layout modbus_example.pcap shows: an ASCII id filling the data, then the run indicator
        String id = HexFormat.of().formatHex("PLC-7".getBytes(StandardCharsets.US_ASCII));
        OtEvent e = exchange(1, "11", "11 06 " + id + " 00");
        assertThat(detail(e).serverId()).isEqualTo(id);
        assertThat(detail(e).runIndicator()).isFalse();
    }

    @Test
    void reportServerIdWithoutRecognisableRunIndicator() {
        OtEvent e = exchange(1, "11", "11 03 41 42 43");
        assertThat(detail(e).serverId()).isEqualTo("414243");
        assertThat(detail(e).runIndicator()).isNull();
    }

    @Test
    void readFileRecord() {
        // 6.14: two groups (file 4 record 1, file 3 record 9), two registers each
        OtEvent e = exchange(1, "14 0E 06 0004 0001 0002 06 0003 0009 0002",
                "14 0C 05 06 0DFE 0020 05 06 33CD 0040");
        assertSuccess(e, "read_file_record", EventCategory.READ, 20);
        assertThat(detail(e).subRequestCount()).isEqualTo(2);
        assertThat(detail(e).fileNumber()).isEqualTo(4);
        assertThat(detail(e).recordNumber()).isEqualTo(1);
        assertThat(detail(e).recordLength()).isEqualTo(2);
        assertThat(detail(e).responseValues()).containsExactly(0x0DFE, 0x0020, 0x33CD, 0x0040);
    }

    @Test
    void writeFileRecord() {
        // 6.15: file 4, record 7, three registers 06AF 04BE 100D; the response echoes the request
        String pdu = "15 0D 06 0004 0007 0003 06AF 04BE 100D";
        OtEvent e = exchange(1, pdu, pdu);
        assertSuccess(e, "write_file_record", EventCategory.WRITE, 21);
        assertThat(detail(e).subRequestCount()).isEqualTo(1);
        assertThat(detail(e).fileNumber()).isEqualTo(4);
        assertThat(detail(e).recordNumber()).isEqualTo(7);
        assertThat(detail(e).recordLength()).isEqualTo(3);
        assertThat(detail(e).requestValues()).containsExactly(0x06AF, 0x04BE, 0x100D);
        assertThat(detail(e).responseValues()).containsExactly(0x06AF, 0x04BE, 0x100D);
    }

    @Test
    void maskWriteRegister() {
        // 6.16: register 5, AND 00F2, OR 0025
        OtEvent e = exchange(1, "16 0004 00F2 0025", "16 0004 00F2 0025");
        assertSuccess(e, "mask_write_register", EventCategory.WRITE, 22);
        assertThat(detail(e).address()).isEqualTo(4);
        assertThat(detail(e).andMask()).isEqualTo(0xF2);
        assertThat(detail(e).orMask()).isEqualTo(0x25);
    }

    @Test
    void readWriteMultipleRegisters() {
        // 6.17: read 6 from register 4, write 3 (00FF each) from register 15
        OtEvent e = exchange(1, "17 0003 0006 000E 0003 06 00FF 00FF 00FF",
                "17 0C 00FE 0ACD 0001 0003 000D 00FF");
        assertSuccess(e, "read_write_multiple_registers", EventCategory.WRITE, 23);
        assertThat(detail(e).readAddress()).isEqualTo(3);
        assertThat(detail(e).readQuantity()).isEqualTo(6);
        assertThat(detail(e).writeAddress()).isEqualTo(14);
        assertThat(detail(e).writeQuantity()).isEqualTo(3);
        assertThat(detail(e).requestValues()).containsExactly(0xFF, 0xFF, 0xFF);
        assertThat(detail(e).responseValues()).containsExactly(0xFE, 0x0ACD, 1, 3, 0x0D, 0xFF);
        assertThat(detail(e).address()).isEqualTo(ABSENT);
    }

    @Test
    void readFifoQueue() {
        // 6.18: FIFO at 1246 holds 440 and 4740
        OtEvent e = exchange(1, "18 04DE", "18 0006 0002 01B8 1284");
        assertSuccess(e, "read_fifo_queue", EventCategory.READ, 24);
        assertThat(detail(e).fifoPointerAddress()).isEqualTo(1246);
        assertThat(detail(e).fifoCount()).isEqualTo(2);
        assertThat(detail(e).responseValues()).containsExactly(440, 4740);
    }

    @Test
    void readDeviceIdentification() {
        // 6.21: basic device identification in one response, conformity level 01, three objects
        String vendor = "Company identification";
        String product = "Product code XX";
        String revision = "V2.11";
        String response = "2B 0E 01 01 00 00 03" + object(0, vendor) + object(1, product) + object(2, revision);
        OtEvent e = exchange(1, "2B 0E 01 00", response);
        assertSuccess(e, "read_device_identification", EventCategory.DISCOVERY, 43);
        ModbusDetail d = detail(e);
        assertThat(d.meiType()).isEqualTo(14);
        assertThat(d.readDeviceIdCode()).isEqualTo(1);
        assertThat(d.objectId()).isEqualTo(0);
        assertThat(d.conformityLevel()).isEqualTo(1);
        assertThat(d.moreFollows()).isFalse();
        assertThat(d.vendorName()).isEqualTo(vendor);
        assertThat(d.productCode()).isEqualTo(product);
        assertThat(d.revision()).isEqualTo(revision);
        assertThat(d.vendorUrl()).isNull();
    }

    @Test
    void readDeviceIdentificationRegularAndExtendedObjectsWithMoreFollows() {
        // 6.21: a regular/extended stream (code 02/03) may span transactions: more follows FF, next object id 05
        String response = "2B 0E 03 83 FF 05 04" + object(3, "http://vendor.example") + object(4, "Pump controller")
                + object(6, "Line 3") + object(0x80, "serial 1234");
        OtEvent e = exchange(1, "2B 0E 03 03", response);
        ModbusDetail d = detail(e);
        assertThat(d.readDeviceIdCode()).isEqualTo(3);
        assertThat(d.objectId()).isEqualTo(3);
        assertThat(d.conformityLevel()).isEqualTo(0x83);
        assertThat(d.moreFollows()).isTrue();
        assertThat(d.vendorUrl()).isEqualTo("http://vendor.example");
        assertThat(d.productName()).isEqualTo("Pump controller");
        assertThat(d.userApplicationName()).isEqualTo("Line 3");
        assertThat(d.modelName()).isNull();
        assertThat(d.otherDeviceObjects()).isEqualTo(Map.of(0x80, "serial 1234"));
    }

    @Test
    void readDeviceIdentificationModelName() {
        OtEvent e = exchange(1, "2B 0E 04 05", "2B 0E 04 02 00 00 01" + object(5, "M-580"));
        assertThat(detail(e).modelName()).isEqualTo("M-580");
        assertThat(detail(e).readDeviceIdCode()).isEqualTo(4);
        assertThat(detail(e).objectId()).isEqualTo(5);
    }

    private static String object(int id, String value) {
        byte[] text = value.getBytes(StandardCharsets.US_ASCII);
        return String.format(" %02x %02x %s", id, text.length, HexFormat.of().formatHex(text));
    }

    @Test
    void canOpenGeneralReference() {
        // 6.20: MEI 13; the data follows CiA DS 309-2 and is not decoded here (hand-built data)
        OtEvent e = exchange(1, "2B 0D 00 01 02", "2B 0D 00 01 02 03");
        assertSuccess(e, "can_open_general_reference", EventCategory.OTHER, 43);
        assertThat(detail(e).meiType()).isEqualTo(13);
    }

    @Test
    void otherEncapsulatedInterfaceTransport() {
        OtEvent e = exchange(1, "2B 07 AA", "2B 07 BB");
        assertSuccess(e, "encapsulated_interface_transport", EventCategory.OTHER, 43);
        assertThat(detail(e).meiType()).isEqualTo(7);
    }

    @ParameterizedTest
    @CsvSource({"65", "66", "72", "100", "105", "110"})
    void userDefinedFunctions(int code) {
        String fc = String.format("%02x", code);
        OtEvent e = exchange(1, fc + " 0102", fc + " 0304");
        assertSuccess(e, "user_defined_function", EventCategory.OTHER, code);
    }

    @ParameterizedTest
    @CsvSource({"9", "10", "13", "14", "18", "19", "25", "42", "44", "64", "73", "90", "99", "111", "127"})
    void unknownFunctions(int code) {
        String fc = String.format("%02x", code);
        OtEvent e = exchange(1, fc + " FE", fc + " 00 01");
        assertSuccess(e, "unknown_function", EventCategory.OTHER, code);
    }

    @Test
    void exceptionResponseFromTheSpecification() {
        // 7: read coils at a non-existent output address gets 81 02 (illegal data address)
        OtEvent e = exchange(0x0A, "01 04A1 0001", "81 02");
        assertThat(e.action()).isEqualTo("read_coils");
        assertThat(e.category()).isEqualTo(EventCategory.READ);
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorMessage()).isEqualTo("Modbus exception 2 (illegal_data_address)");
        assertThat(detail(e).functionCode()).isEqualTo(1);
        assertThat(detail(e).exceptionCode()).isEqualTo(2);
        assertThat(detail(e).exception()).isEqualTo("illegal_data_address");
        assertThat(detail(e).address()).isEqualTo(0x04A1);
        assertThat(detail(e).quantity()).isEqualTo(1);
        assertThat(detail(e).responseValues()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "1, illegal_function", "2, illegal_data_address", "3, illegal_data_value", "4, server_device_failure",
            "5, acknowledge", "6, server_device_busy", "8, memory_parity_error", "10, gateway_path_unavailable",
            "11, gateway_target_device_failed_to_respond"})
    void everyExceptionCode(int code, String name) {
        OtEvent e = exchange(1, "03 0000 0001", String.format("83 %02x", code));
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(detail(e).exceptionCode()).isEqualTo(code);
        assertThat(detail(e).exception()).isEqualTo(name);
        assertThat(e.errorMessage()).isEqualTo("Modbus exception " + code + " (" + name + ")");
    }

    @Test
    void exceptionCodeTheSpecificationDoesNotDefine() {
        OtEvent e = exchange(1, "03 0000 0001", "83 07");
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(detail(e).exceptionCode()).isEqualTo(7);
        assertThat(detail(e).exception()).isNull();
        assertThat(e.errorMessage()).isEqualTo("Modbus exception 7 (not defined by the specification)");
    }

    @ParameterizedTest
    @CsvSource({
            "02 0000 0001, 82, read_discrete_inputs", "04 0000 0001, 84, read_input_registers",
            "05 0000 FF00, 85, write_single_coil", "06 0000 0001, 86, write_single_register",
            "07, 87, read_exception_status", "08 0000 0000, 88, diagnostics", "0B, 8B, get_comm_event_counter",
            "0C, 8C, get_comm_event_log", "0F 0000 0001 01 01, 8F, write_multiple_coils",
            "10 0000 0001 02 0001, 90, write_multiple_registers", "11, 91, report_server_id",
            "14 07 06 0001 0000 0001, 94, read_file_record", "15 09 06 0001 0000 0001 0001, 95, write_file_record",
            "16 0000 FFFF 0000, 96, mask_write_register",
            "17 0000 0001 0000 0001 02 0001, 97, read_write_multiple_registers", "18 0000, 98, read_fifo_queue",
            "2B 0E 01 00, AB, read_device_identification", "2B 0D 00, AB, can_open_general_reference",
            "41, C1, user_defined_function", "5A, DA, unknown_function"})
    void exceptionResponseForEveryFunction(String request, String exceptionFc, String action) {
        OtEvent e = exchange(1, request, exceptionFc + " 01");
        assertThat(e.action()).isEqualTo(action);
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(detail(e).functionCode()).isEqualTo(Integer.parseInt(exceptionFc, 16) & 0x7F);
        assertThat(detail(e).exception()).isEqualTo("illegal_function");
    }

    @Test
    void exceptionResponseAloneForFunction43HasNoMeiType() {
        ModbusWire.Session s = new ModbusWire.Session().response(5, ModbusWire.adu(9, 1, "AB 01"));
        OtEvent e = s.out.onlyEvent();
        assertThat(e.action()).isEqualTo("encapsulated_interface_transport");
        assertThat(e.durationMicros()).isEqualTo(-1);
        assertThat(detail(e).meiType()).isEqualTo(ABSENT);
    }
}
