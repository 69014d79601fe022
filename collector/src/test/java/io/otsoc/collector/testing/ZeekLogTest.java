package io.otsoc.collector.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads the real Modbus oracle files under {@code ../shared/pcaps/modbus}. */
class ZeekLogTest {

    private static Path modbus(String name) {
        return SharedFixtures.pcap("modbus/" + name);
    }

    @Test
    void icsnppModbusLogCutWithoutHeaders() {
        ZeekLog log = ZeekLog.read(modbus("modbus_example.pcap.icsnpp.basic.modbus.log"), ZeekLog.ICSNPP_MODBUS_LOG_CUT);
        assertThat(log.path()).isNull();
        assertThat(log.types()).isEmpty();
        assertThat(log.rows()).hasSize(24);
        ZeekLog.Row first = log.rows().get(0);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.text("uid")).isEqualTo("CHhAvVGS1DHFjwGM9");
        assertThat(first.text("id.orig_h")).isEqualTo("127.0.0.1");
        assertThat(first.number("id.orig_p")).isEqualTo(47785);
        assertThat(first.number("id.resp_p")).isEqualTo(502);
        assertThat(first.text("func")).isEqualTo("READ_COILS");
        assertThat(first.isSet("exception")).isFalse();
        assertThat(first.text("exception")).isNull();
        assertThat(first.raw("ts")).isEqualTo("XXXXXXXXXX.XXXXXX");
        ZeekLog.Row last = log.rows().get(23);
        assertThat(last.text("id.orig_h")).isEqualTo("192.168.1.6");
        assertThat(last.text("id.resp_h")).isEqualTo("3.15.227.20");
        assertThat(last.text("func")).isEqualTo("READ_HOLDING_REGISTERS_EXCEPTION");
        assertThat(last.text("exception")).isEqualTo("ILLEGAL_DATA_ADDRESS");
        Map<String, Long> byFunction = log.rows().stream()
                .collect(Collectors.groupingBy(r -> r.text("func"), Collectors.counting()));
        assertThat(byFunction).containsEntry("READ_COILS", 2L).containsEntry("MASK_WRITE_REGISTER", 2L)
                .containsEntry("REPORT_SLAVE_ID", 1L).containsEntry("ENCAP_INTERFACE_TRANSPORT", 1L).hasSize(18);
    }

    @Test
    void icsnppModbusDetailedLogWithHeaders() {
        ZeekLog log = ZeekLog.read(modbus("modbus_example.pcap.icsnpp.basic.modbus_detailed.log"));
        assertThat(log.path()).isEqualTo("modbus_detailed");
        assertThat(log.fields()).startsWith("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "tid",
                "unit", "func", "address", "quantity", "request_values", "response_values");
        assertThat(log.types()).hasSameSizeAs(log.fields()).contains("vector[count]");
        assertThat(log.rows()).hasSize(26);
        Map<Long, List<ZeekLog.Row>> byTid = log.rows().stream().filter(r -> r.text("uid").equals("CHhAvVGS1DHFjwGM9"))
                .collect(Collectors.groupingBy(r -> r.number("tid")));
        ZeekLog.Row holding = byTid.get(6L).get(0);
        assertThat(holding.text("func")).isEqualTo("READ_HOLDING_REGISTERS");
        assertThat(holding.number("unit")).isEqualTo(5);
        assertThat(holding.number("address")).isEqualTo(1);
        assertThat(holding.number("quantity")).isEqualTo(8);
        assertThat(holding.numbers("request_values")).isNull();
        assertThat(holding.numbers("response_values"))
                .containsExactly(170L, 170L, 187L, 204L, 61316L, 58347L, 40843L, 58561L);
        assertThat(holding.flag("matched")).isTrue();
        ZeekLog.Row diagnostics = byTid.get(12L).get(0);
        assertThat(diagnostics.text("request_subfunction_code")).isEqualTo("Return Diagnostic Register");
        assertThat(diagnostics.raw("request_data")).isEqualTo("\\x00\\x00");
        assertThat(diagnostics.text("request_data")).isEqualTo("\u0000\u0000");
        // READ_EXCEPTION_STATUS and REPORT_SLAVE_ID are logged twice (request row and response row, both unmatched)
        assertThat(byTid.get(11L)).hasSize(2);
        assertThat(byTid.get(15L)).hasSize(2);
        assertThat(byTid.get(23L).get(0).text("mei_type")).isEqualTo("Read Device Identification");
        ZeekLog.Row exception = log.rows().get(25);
        assertThat(exception.text("exception_code")).isEqualTo("ILLEGAL_DATA_ADDRESS");
        assertThat(exception.number("address")).isEqualTo(600);
        assertThat(exception.number("quantity")).isEqualTo(10);
        assertThat(exception.number("unit")).isZero();
    }

    @Test
    void icsnppMaskWriteAndReadWriteLogs() {
        ZeekLog mask = ZeekLog.read(modbus("modbus_example.pcap.icsnpp.basic.modbus_mask_write_register.log"));
        assertThat(mask.rows()).hasSize(4);
        assertThat(mask.rows()).extracting(r -> r.text("request_response"))
                .containsExactly("REQUEST", "RESPONSE", "REQUEST", "RESPONSE");
        assertThat(mask.rows()).extracting(r -> r.number("and_mask")).containsExactly(57005L, 57005L, 65535L, 65535L);
        assertThat(mask.rows()).extracting(r -> r.number("or_mask")).containsExactly(0L, 0L, 57005L, 57005L);
        assertThat(mask.rows().get(1).flag("is_orig")).isFalse();

        ZeekLog rw = ZeekLog.read(modbus("modbus_example.pcap.icsnpp.basic.modbus_read_write_multiple_registers.log"));
        assertThat(rw.rows()).hasSize(4);
        ZeekLog.Row request = rw.rows().get(2);
        assertThat(request.number("write_start_address")).isEqualTo(2);
        assertThat(request.numbers("write_registers")).containsExactly(170L, 187L, 204L);
        assertThat(request.number("read_start_address")).isEqualTo(1);
        assertThat(request.number("read_quantity")).isEqualTo(4);
        assertThat(rw.rows().get(3).numbers("read_registers")).containsExactly(170L, 170L, 187L, 204L);
    }

    @Test
    void zeekModbusLogOfTheFuzzedCapture() {
        ZeekLog log = ZeekLog.read(modbus("fuzz-1011.pcap.zeek.register_parsing.modbus.log"));
        assertThat(log.path()).isEqualTo("modbus");
        assertThat(log.rows()).extracting(r -> r.number("tid")).containsExactly(1119L, 2606L, 6714L, 12993L, 17667L);
        assertThat(log.rows()).extracting(r -> r.text("pdu_type")).containsExactly("REQ", "RESP", "RESP", "REQ", "RESP");
        assertThat(log.rows()).allMatch(r -> r.text("func").equals("READ_INPUT_REGISTERS") && r.number("unit") == 255);
    }

    @Test
    void zeekConnLogOfTheMeiCapture() {
        ZeekLog log = ZeekLog.read(modbus("modbus-eit.pcap.zeek.events.conn-second.log"));
        assertThat(log.path()).isEqualTo("conn");
        assertThat(log.rows()).hasSize(2);
        assertThat(log.rows()).allMatch(r -> r.text("service").equals("modbus") && r.number("id.resp_p") == 502);
        assertThat(log.rows()).extracting(r -> r.number("orig_bytes")).containsExactly(11L, 11L);
        assertThat(log.rows()).extracting(r -> r.number("resp_bytes")).containsExactly(18L, 9L);
        assertThat(log.rows().get(0).list("tunnel_parents")).isNull();
    }

    @Test
    void modbusMessagesOfTheSmallCapture() {
        List<ZeekLog.ModbusMessage> messages =
                ZeekLog.readModbusMessages(modbus("modbusSmall.pcap.zeek.coil_parsing_small.output"));
        assertThat(messages).hasSize(32).allMatch(m -> m.count() == 1 && m.tid() == 1 && m.uid() == 1 && m.pid() == 0);
        assertThat(messages).filteredOn(ZeekLog.ModbusMessage::isOrig).hasSize(16);
        ZeekLog.ModbusMessage first = messages.get(0);
        assertThat(first.conn()).isEqualTo(new ZeekLog.ConnId("118.189.96.132", 55480, "118.189.96.132", 502));
        assertThat(first.functionCode()).isEqualTo(15);
        assertThat(first.len()).isEqualTo(6);
        assertThat(first.isOrig()).isFalse();
        // one connection per transaction: 16 client ports, each with one request and one response
        assertThat(messages.stream().map(m -> m.conn().origP()).distinct()).hasSize(16);
        Map<Integer, Long> byFunction = messages.stream()
                .collect(Collectors.groupingBy(ZeekLog.ModbusMessage::functionCode, Collectors.counting()));
        assertThat(byFunction).containsExactly(Map.entry(1, 16L), Map.entry(15, 16L));
    }

    @Test
    void modbusMessagesOfTheBigCapture() {
        List<ZeekLog.ModbusMessage> messages =
                ZeekLog.readModbusMessages(modbus("modbusBig.pcap.zeek.coil_parsing_big.output"));
        assertThat(messages).hasSize(5548);
        Map<String, Long> kinds = messages.stream().collect(Collectors.groupingBy(
                m -> m.functionCode() + (m.isOrig() ? " request" : " response") + " len " + m.len(), Collectors.counting()));
        assertThat(kinds).containsOnly(Map.entry("1 request len 6", 1387L), Map.entry("1 response len 4", 1387L),
                Map.entry("5 request len 6", 1387L), Map.entry("5 response len 6", 1387L));
        Map<Integer, List<ZeekLog.ModbusMessage>> byTid = messages.stream()
                .collect(Collectors.groupingBy(ZeekLog.ModbusMessage::tid));
        // the capture starts with a response whose request was not captured; Zeek saw no response to 50382
        // (frame 3150, captured after the client's ACK of it)
        assertThat(byTid.get(49738)).singleElement().matches(m -> !m.isOrig());
        assertThat(byTid.get(50382)).singleElement().matches(ZeekLog.ModbusMessage::isOrig);
        assertThat(byTid.values().stream().filter(l -> l.size() == 2)).hasSize(2773);
    }

    @Test
    void otherEventsOfTheBigCaptureKeepTheirArguments() {
        List<ZeekLog.EventPrint> events = ZeekLog.readEvents(modbus("modbusBig.pcap.zeek.coil_parsing_big.output"));
        assertThat(events).hasSize(11096);
        Map<String, Long> byName = events.stream()
                .collect(Collectors.groupingBy(ZeekLog.EventPrint::name, Collectors.counting()));
        assertThat(byName).containsOnly(Map.entry("modbus_message", 5548L), Map.entry("modbus_read_coils_request", 1387L),
                Map.entry("modbus_read_coils_response", 1387L), Map.entry("modbus_write_single_coil_request", 1387L),
                Map.entry("modbus_write_single_coil_response", 1387L));
        ZeekLog.EventPrint coils = events.stream().filter(e -> e.name().equals("modbus_read_coils_response"))
                .findFirst().orElseThrow();
        assertThat(coils.args()).hasSize(3);
        assertThat(coils.record(1)).containsEntry("tid", "49738").containsEntry("function_code", "1");
        assertThat(coils.args().get(2)).isEqualTo("[T, F, F, F, F, F, F, F]");
    }

    @Test
    void eventPrintsWithoutCounts() {
        List<ZeekLog.EventPrint> events = ZeekLog.readEvents(modbus("fuzz-1011.pcap.zeek.register_parsing.output"));
        assertThat(events).extracting(ZeekLog.EventPrint::name).containsExactly(
                "modbus_read_input_registers_request", "modbus_read_input_registers_response",
                "modbus_read_input_registers_request", "modbus_read_input_registers_response");
        assertThat(events).allMatch(e -> e.count() == 1);
        ZeekLog.EventPrint request = events.get(0);
        assertThat(request.args()).hasSize(4);
        assertThat(request.record(0)).containsEntry("resp_p", "502/tcp").containsEntry("ctx", "[]");
        assertThat(request.record(1)).containsEntry("tid", "1119").containsEntry("len", "6");
        assertThat(request.args().subList(2, 4)).containsExactly("900", "147");
        ZeekLog.EventPrint response = events.get(1);
        assertThat(response.args().get(2)).startsWith("[0, 0, 0, 0, 0, 0, 43690,");
        assertThat(response.args().get(3)).isEqualTo("100");
        assertThat(ZeekLog.readModbusMessages(modbus("fuzz-1011.pcap.zeek.register_parsing.output"))).isEmpty();
    }

    @Test
    void cutLogWithoutColumnsIsRefused() {
        Path file = modbus("modbus_example.pcap.icsnpp.basic.modbus.log");
        assertThatThrownBy(() -> ZeekLog.read(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no #fields header");
        assertThatThrownBy(() -> ZeekLog.read(file, List.of("ts", "uid")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":2: 8 values for 2 fields");
    }

    @Test
    void headerAndGivenColumnsMustAgree() {
        Path file = modbus("fuzz-1011.pcap.zeek.register_parsing.modbus.log");
        assertThatThrownBy(() -> ZeekLog.read(file, ZeekLog.ICSNPP_MODBUS_LOG_CUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ from the given columns");
        assertThat(ZeekLog.read(file).fields()).contains("pdu_type");
    }

    @Test
    void emptySetsAndUnknownFields(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.log");
        Files.writeString(file, String.join("\n",
                "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-",
                "#path\tx", "#fields\ta\tb\tc", "#types\tset[string]\tvector[count]\tstring",
                "(empty)\t1,2\tx\\x2cy", ""));
        ZeekLog.Row row = ZeekLog.read(file).rows().get(0);
        assertThat(row.list("a")).isEmpty();
        assertThat(row.numbers("b")).containsExactly(1L, 2L);
        assertThat(row.text("c")).isEqualTo("x,y");
        assertThatThrownBy(() -> row.raw("d")).hasMessageContaining("no field d");
        assertThat(ZeekLog.splitTopLevel("a, [b, [c, d]], e")).containsExactly("a", "[b, [c, d]]", "e");
        assertThat(ZeekLog.parseRecord("[x=1, y=[2, 3]]")).containsExactly(Map.entry("x", "1"), Map.entry("y", "[2, 3]"));
        assertThat(ZeekLog.unescape("\\x41\\x42")).isEqualTo("AB");
    }
}
