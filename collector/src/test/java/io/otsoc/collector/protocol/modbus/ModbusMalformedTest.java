package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts, quantities and lengths that break the limits of Modbus Application Protocol Specification V1.1b3 give one
 * malformed report per transaction, whose reason names the field, and never stop the flow.
 */
class ModbusMalformedTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "01 0000 0000 | 01 01 00 | read_coils request: quantity 0 is outside 1..2000",
            "01 0000 07D1 | 01 01 00 | read_coils request: quantity 2001 is outside 1..2000",
            "02 0000 07D1 | 02 01 00 | read_discrete_inputs request: quantity 2001 is outside 1..2000",
            "03 0000 007E | 03 02 0000 | read_holding_registers request: quantity 126 is outside 1..125",
            "04 0000 0000 | 04 02 0000 | read_input_registers request: quantity 0 is outside 1..125",
            "01 0000 0001 00 | 01 01 00 | read_coils request: PDU length 6 is not 5",
            "05 0001 1234 | 05 0001 1234 | write_single_coil request: output value 0x1234 is neither 0xff00 nor 0x0000",
            "07 00 | 07 00 | read_exception_status request: PDU length 2 is not 1 (the request has no data)",
            "08 00 | 08 0000 | diagnostics request: PDU length 2 is shorter than the sub-function code",
            "08 0000 A5 | 08 0000 | diagnostics request: data length 1 is not a whole number of 2-byte words",
            "0F 0000 07B1 F7 00 | 0F 0000 07B1 | write_multiple_coils request: quantity 1969 is outside 1..1968",
            "0F 0013 000A 01 CD | 0F 0013 000A | write_multiple_coils request: byte count 1 does not match quantity 10 (expected 2)",
            "0F 0013 000A 02 CD | 0F 0013 000A | write_multiple_coils request: byte count 2 does not match the 1 bytes that follow",
            "10 0000 007C F8 00 | 10 0000 007C | write_multiple_registers request: quantity 124 is outside 1..123",
            "10 0001 0002 03 000A 01 | 10 0001 0002 | write_multiple_registers request: byte count 3 does not match quantity 2 (expected 4)",
            "10 0001 0002 04 000A | 10 0001 0002 | write_multiple_registers request: byte count 4 does not match the 2 bytes that follow",
            "14 00 | 14 00 | read_file_record request: byte count 0 is outside 7..245",
            "14 08 06 0004 0001 0002 00 | 94 03 | read_file_record request: byte count 8 is not a whole number of 7-byte sub-requests",
            "14 07 05 0004 0001 0002 | 94 02 | read_file_record request: sub-request 0 reference type 5 is not 6",
            "14 07 06 0004 2710 0002 | 94 02 | read_file_record request: sub-request 0 record number 10000 is outside 0..9999",
            "14 07 06 0000 0001 0002 | 94 02 | read_file_record request: sub-request 0 file number 0 is outside 1..65535",
            "15 00 | 15 00 | write_file_record request: request data length 0 is outside 9..251",
            "15 09 06 0004 0007 0002 06AF | 95 03 | write_file_record request: sub-request 0 record length 2 exceeds the 2 bytes left",
            "16 0004 00F2 | 16 0004 00F2 | mask_write_register request: PDU length 5 is not 7",
            "17 0000 007E 0000 0001 02 0001 | 97 03 | read_write_multiple_registers request: read quantity 126 is outside 1..125",
            "17 0000 0001 0000 007A F4 00 | 97 03 | read_write_multiple_registers request: write quantity 122 is outside 1..121",
            "17 0000 0001 0000 0001 04 0001 | 97 03 | read_write_multiple_registers request: write byte count 4 does not match write quantity 1 (expected 2)",
            "18 04 | 98 03 | read_fifo_queue request: PDU length 2 is not 3",
            "2B 0E 05 00 | AB 03 | read_device_identification request: read device id code 5 is outside 1..4",
            "2B 0E 01 | AB 03 | read_device_identification request: PDU length 3 is not 4",
    })
    void malformedRequests(String request, String response, String reason) {
        assertOneMalformed(request, response, reason);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "01 0013 0013 | 01 02 CD 6B | read_coils response: byte count 2 does not match quantity 19 of the request (expected 3)",
            "01 0013 0013 | 01 04 CD 6B 05 | read_coils response: byte count 4 does not match the 3 bytes that follow",
            "01 0013 0013 | 01 00 | read_coils response: byte count 0 carries no status",
            "01 0013 0013 | 01 | read_coils response: PDU length 1 is shorter than the byte count",
            "03 006B 0003 | 03 05 022B 0000 00 | read_holding_registers response: byte count 5 is odd",
            "03 006B 0003 | 03 04 022B 0000 | read_holding_registers response: byte count 4 does not match quantity 3 of the request (expected 6)",
            "04 0000 0001 | 04 00 | read_input_registers response: byte count 0 is outside 2..250",
            "05 00AC FF00 | 05 00AC 00FF | write_single_coil response: output value 0xff is neither 0xff00 nor 0x0000",
            "06 0001 0003 | 06 0001 | write_single_register response: PDU length 3 is not 5",
            "07 | 07 | read_exception_status response: PDU length 1 is not 2",
            "0B | 0B FFFF | get_comm_event_counter response: PDU length 3 is not 5",
            "0C | 0C 05 0000 0108 00 | get_comm_event_log response: byte count 5 is outside 6..70",
            "0F 0013 000A 02 CD 01 | 0F 0013 | write_multiple_coils response: PDU length 3 is not 5",
            "11 | 11 00 | report_server_id response: byte count 0 carries no server id",
            "14 07 06 0004 0001 0002 | 14 06 04 06 0DFE 0020 | read_file_record response: sub-response 0 file response length 4 is not 1 + 2 x registers",
            "14 07 06 0004 0001 0002 | 14 06 07 06 0DFE 0020 | read_file_record response: sub-response 0 file response length 7 exceeds the 5 bytes left",
            "14 07 06 0004 0001 0002 | 14 06 05 07 0DFE 0020 | read_file_record response: sub-response 0 reference type 7 is not 6",
            "14 0E 06 0004 0001 0002 06 0003 0009 0002 | 14 06 05 06 0DFE 0020 | read_file_record response: 1 sub-responses answer 2 sub-requests",
            "16 0004 00F2 0025 | 16 0004 00F2 | mask_write_register response: PDU length 5 is not 7",
            "17 0003 0006 000E 0003 06 00FF 00FF 00FF | 17 02 00FE | read_write_multiple_registers response: byte count 2 does not match read quantity 6 of the request (expected 12)",
            "18 04DE | 18 0006 0020 01B8 1284 | read_fifo_queue response: FIFO count 32 is outside 0..31",
            "18 04DE | 18 0008 0002 01B8 1284 0000 | read_fifo_queue response: byte count 8 does not match FIFO count 2 (expected 6)",
            "18 04DE | 18 0006 0002 01B8 | read_fifo_queue response: byte count 6 does not match the 4 bytes that follow",
            "2B 0E 01 00 | 2B 0E 01 00 00 00 00 | read_device_identification response: conformity level 0x0 is not one of 0x01-0x03, 0x81-0x83",
            "2B 0E 01 00 | 2B 0E 01 01 01 00 00 | read_device_identification response: more follows 0x1 is neither 0x00 nor 0xff",
            "2B 0E 01 00 | 2B 0E 01 01 00 03 00 | read_device_identification response: next object id 3 is not 0 although no more objects follow",
            "2B 0E 01 00 | 2B 0E 01 01 00 00 02 00 01 41 | read_device_identification response: object 1 of 2 is cut short at the end of the PDU",
            "2B 0E 01 00 | 2B 0E 01 01 00 00 01 00 05 41 | read_device_identification response: object 0x0 length 5 exceeds the 1 bytes left",
            "2B 0E 01 00 | 2B 0E 01 01 00 00 01 00 01 41 42 | read_device_identification response: 1 bytes follow the 1 objects announced",
            "2B 0E 01 00 | 2B 0D 01 | read_device_identification response: MEI type 13 does not answer MEI type 14 of the request",
            "03 0000 0001 | 83 02 00 | read_holding_registers response: exception response PDU length 3 is not 2",
    })
    void malformedResponses(String request, String response, String reason) {
        assertOneMalformed(request, response, reason);
    }

    private static void assertOneMalformed(String request, String response, String reason) {
        ModbusWire.Session s = new ModbusWire.Session().exchange(7, 1, request, response).close(2_000_000);
        RecordingOutput.Malformed m = s.out.onlyMalformed();
        assertThat(m.reason()).isEqualTo(reason);
        assertThat(m.timestampMicros()).isEqualTo(1_000_000);
        assertThat(m.partial().transactionId()).isEqualTo(7);
        assertThat(m.partial().unitId()).isEqualTo(1);
        assertThat(s.decoder.pendingCount()).isZero();
        // reported as its operation: the reason starts with the action, and the pair keeps its response time
        assertThat(m.action()).isEqualTo(reason.substring(0, reason.indexOf(' ')));
        assertThat(m.event().outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(m.event().durationMicros()).isEqualTo(250);
    }

    @Test
    void malformedMessageIsReportedAsItsOperation() {
        // modbus_example.pcap's tid 16 and 17: Read / Write File Record with no sub-request at all
        ModbusWire.Session s = new ModbusWire.Session()
                .exchange(16, 8, "14 00", "14 00")
                .exchange(17, 8, "15 00", "15 00");
        assertThat(s.out.events).isEmpty();
        assertThat(s.out.malformed).extracting(RecordingOutput.Malformed::action)
                .containsExactly("read_file_record", "write_file_record");
        OtEvent read = s.out.malformed.get(0).event();
        assertThat(read.category()).isEqualTo(EventCategory.READ);
        assertThat(read.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(read.errorMessage()).isEqualTo("read_file_record request: byte count 0 is outside 7..245");
        assertThat(read.timestampMicros()).isEqualTo(1_000_000);
        ModbusDetail d = (ModbusDetail) read.detail();
        assertThat(d.subRequestCount()).as("no sub-request").isZero();
        assertThat(d.requestLength()).isEqualTo(3);
        assertThat(d.responseLength()).isEqualTo(3);
        OtEvent write = s.out.malformed.get(1).event();
        assertThat(write.category()).isEqualTo(EventCategory.WRITE);
        assertThat(write.errorMessage()).isEqualTo("write_file_record request: request data length 0 is outside 9..251");
        assertThat(((ModbusDetail) write.detail()).subRequestCount()).isZero();
    }

    @Test
    void aduCutShortByTheEndOfTheFlowIsReportedAsItsOperationOnceTheFunctionCodeIsIn() {
        ModbusWire.Session s = new ModbusWire.Session()
                .exchange(1, 1, "03 0000 0001", "03 02 0001")
                .request(5, ModbusWire.hex("0005 0000 0006 11 10 00"))
                .response(6, ModbusWire.hex("0006 0000 00"))
                .close(7);
        assertThat(s.out.malformed).extracting(RecordingOutput.Malformed::action)
                .containsExactly("write_multiple_registers", "malformed_message");
        RecordingOutput.Malformed cut = s.out.malformed.get(0);
        assertThat(cut.reason()).isEqualTo("ADU cut short by the end of the flow: 9 of 12 bytes");
        assertThat(cut.event().category()).isEqualTo(EventCategory.WRITE);
        assertThat(cut.partial().transactionId()).isEqualTo(5);
        assertThat(cut.partial().unitId()).isEqualTo(0x11);
        assertThat(cut.partial().requestLength()).isEqualTo(6);
        assertThat(cut.partial().responseLength()).isEqualTo(ModbusDetail.ABSENT);
        assertThat(s.out.malformed.get(1).reason()).isEqualTo("ADU cut short by the end of the flow: 5 of at least 7 bytes");
        assertThat(s.out.malformed.get(1).partial()).isNull();
    }

    @Test
    void malformedRequestKeepsWhatWasReadAndTheAnswerInOneReport() {
        // the 4SICS capture's shape: FC 23 with read quantity 0, answered by exception 0x0A
        ModbusWire.Session s = new ModbusWire.Session()
                .exchange(11, 1, "17 0000 0000 00DF 2112 00", "97 0A");
        RecordingOutput.Malformed m = s.out.onlyMalformed();
        assertThat(m.reason()).isEqualTo("read_write_multiple_registers request: read quantity 0 is outside 1..125");
        assertThat(m.partial().functionCode()).isEqualTo(23);
        assertThat(m.partial().readQuantity()).isZero();
        assertThat(m.partial().writeAddress()).isEqualTo(0xDF);
        assertThat(m.partial().exceptionCode()).isEqualTo(10);
        assertThat(m.partial().exception()).isEqualTo("gateway_path_unavailable");
    }

    @Test
    void malformedResponseWithoutRequestIsReportedAtOnce() {
        // the shape of fuzz-1011.pcap's third response: byte count 0x81 followed by 200 bytes
        ModbusWire.Session s = new ModbusWire.Session()
                .response(42, ModbusWire.adu(0x1A3A, 0xFF, "04 81" + "00".repeat(200)));
        RecordingOutput.Malformed m = s.out.onlyMalformed();
        assertThat(m.reason()).isEqualTo("read_input_registers response: byte count 129 does not match the 200 bytes that follow");
        assertThat(m.timestampMicros()).isEqualTo(42);
        assertThat(m.partial().transactionId()).isEqualTo(0x1A3A);
        assertThat(m.partial().functionCode()).isEqualTo(4);
    }

    @Test
    void functionCodeZeroOnceModbusIsEstablished() {
        ModbusWire.Session s = new ModbusWire.Session()
                .exchange(1, 1, "03 0000 0001", "03 02 0001")
                .exchange(2, 1, "00", "80 01");
        assertThat(s.out.events).hasSize(1);
        assertThat(s.out.malformed).extracting(RecordingOutput.Malformed::reason)
                .containsExactly("function code 0 is not a Modbus function");
    }

    @Test
    void requestWithExceptionBitFromTheClient() {
        ModbusWire.Session s = new ModbusWire.Session()
                .request(1, ModbusWire.adu(1, 1, "03 0000 0001"))
                .request(2, ModbusWire.adu(2, 1, "83 02"))
                .close(3);
        assertThat(s.out.malformed).extracting(RecordingOutput.Malformed::reason)
                .containsExactly("request function code 131 has the exception bit (0x80) set");
        assertThat(s.out.events).hasSize(1);
    }

    @Test
    void theFlowGoesOnAfterAMalformedMessage() {
        ModbusWire.Session s = new ModbusWire.Session()
                .exchange(1, 1, "03 0000 0000", "83 03")
                .exchange(2, 1, "03 0000 0001", "03 02 1234");
        assertThat(s.out.malformed).hasSize(1);
        OtEvent e = s.out.events.get(0);
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(((ModbusDetail) e.detail()).responseValues()).containsExactly(0x1234);
    }
}
