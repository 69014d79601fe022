package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import org.junit.jupiter.api.Test;

import static io.otsoc.collector.protocol.modbus.ModbusDetail.ABSENT;
import static io.otsoc.collector.protocol.modbus.ModbusWire.adu;
import static io.otsoc.collector.protocol.modbus.ModbusWire.concat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests and responses are paired by (transaction id, unit id), as a Modbus/TCP client does (Implementation
 * Guide V1.0b, 3.1.3 and 4.4.1: the transaction identifier lets a client have several requests outstanding).
 */
class ModbusPairingTest {

    private static ModbusDetail detail(OtEvent e) {
        return (ModbusDetail) e.detail();
    }

    @Test
    void interleavedTransactionsPairByTransactionId() {
        ModbusWire.Session s = new ModbusWire.Session()
                .request(100, adu(1, 1, "03 0000 0001"))
                .request(110, adu(2, 1, "04 0010 0002"))
                .request(120, adu(3, 1, "01 0020 0003"))
                .response(300, adu(3, 1, "01 01 05"))
                .response(400, adu(1, 1, "03 02 00C8"))
                .response(500, adu(2, 1, "04 04 0001 0002"));
        assertThat(s.out.events).extracting(OtEvent::action)
                .containsExactly("read_coils", "read_holding_registers", "read_input_registers");
        OtEvent coils = s.out.events.get(0);
        assertThat(coils.timestampMicros()).isEqualTo(120);
        assertThat(coils.durationMicros()).isEqualTo(180);
        assertThat(detail(coils).address()).isEqualTo(0x20);
        assertThat(detail(coils).responseValues()).containsExactly(1, 0, 1);
        OtEvent holding = s.out.events.get(1);
        assertThat(holding.timestampMicros()).isEqualTo(100);
        assertThat(holding.durationMicros()).isEqualTo(300);
        assertThat(detail(holding).responseValues()).containsExactly(200);
        OtEvent input = s.out.events.get(2);
        assertThat(input.durationMicros()).isEqualTo(390);
        assertThat(detail(input).address()).isEqualTo(0x10);
        assertThat(detail(input).responseValues()).containsExactly(1, 2);
        assertThat(s.decoder.pendingCount()).isZero();
    }

    @Test
    void sameTransactionIdForDifferentUnitsAreDifferentTransactions() {
        // a gateway in front of serial devices: one transaction id space, several unit ids
        ModbusWire.Session s = new ModbusWire.Session()
                .request(1, concat(adu(7, 1, "03 0000 0001"), adu(7, 2, "03 0000 0001")))
                .response(2, adu(7, 2, "03 02 0002"))
                .response(3, adu(7, 1, "03 02 0001"));
        assertThat(s.out.events).extracting(e -> detail(e).unitId()).containsExactly(2, 1);
        assertThat(s.out.events).extracting(e -> detail(e).responseValues()[0]).containsExactly(2, 1);
    }

    @Test
    void unansweredRequestsAreReportedAtCloseOldestFirst() {
        ModbusWire.Session s = new ModbusWire.Session()
                .request(10, adu(1, 1, "05 0001 FF00"))
                .request(20, adu(2, 1, "06 0002 1234"))
                .close(99);
        assertThat(s.out.events).hasSize(2);
        OtEvent first = s.out.events.get(0);
        assertThat(first.action()).isEqualTo("write_single_coil");
        assertThat(first.category()).isEqualTo(EventCategory.WRITE);
        assertThat(first.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(first.timestampMicros()).isEqualTo(10);
        assertThat(first.durationMicros()).isEqualTo(-1);
        assertThat(first.errorMessage()).isNull();
        assertThat(detail(first).requestValues()).containsExactly(1);
        assertThat(detail(first).responseValues()).isNull();
        assertThat(detail(s.out.events.get(1)).requestValues()).containsExactly(0x1234);
        assertThat(s.decoder.pendingCount()).isZero();
        // closing again, or data after the close, reports nothing more
        s.close(100).request(101, adu(3, 1, "03 0000 0001")).close(102);
        assertThat(s.out.all).hasSize(2);
    }

    @Test
    void pendingTableIsBoundedAndEvictsTheOldestAsUnanswered() {
        ModbusWire.Session s = new ModbusWire.Session(4);
        for (int tid = 1; tid <= 6; tid++) {
            s.request(tid, adu(tid, 1, "03 0000 0001"));
            assertThat(s.decoder.pendingCount()).isLessThanOrEqualTo(4);
        }
        assertThat(s.out.events).extracting(e -> detail(e).transactionId()).containsExactly(1, 2);
        assertThat(s.out.events).allMatch(e -> e.outcome() == Outcome.UNKNOWN && e.durationMicros() == -1);
        // the response to an evicted request arrives alone
        s.response(10, adu(1, 1, "03 02 0009"));
        assertThat(s.out.events.get(2).durationMicros()).isEqualTo(-1);
        assertThat(s.out.events.get(2).timestampMicros()).isEqualTo(10);
        // one still waiting pairs normally
        s.response(11, adu(5, 1, "03 02 0005"));
        assertThat(s.out.events.get(3).durationMicros()).isEqualTo(6);
        s.close(20);
        assertThat(s.out.events.subList(4, 7)).extracting(e -> detail(e).transactionId()).containsExactly(3, 4, 6);
    }

    @Test
    void manyTransactionsReuseTheTableWithoutGrowing() {
        ModbusWire.Session s = new ModbusWire.Session(2);
        for (int tid = 0; tid < 5000; tid++) {
            s.request(tid * 10L, adu(tid & 0xFFFF, 1, "03 0000 0001"));
            s.response(tid * 10L + 3, adu(tid & 0xFFFF, 1, "03 02 0001"));
        }
        assertThat(s.out.events).hasSize(5000).allMatch(e -> e.durationMicros() == 3 && e.outcome() == Outcome.SUCCESS);
        assertThat(s.decoder.pendingCount()).isZero();
    }

    @Test
    void responseWithoutRequestIsReportedAlone() {
        // capture started mid-conversation: only the response is seen
        ModbusWire.Session s = new ModbusWire.Session().response(777, adu(0xC24A, 0xFF, "01 01 01"));
        OtEvent e = s.out.onlyEvent();
        assertThat(e.action()).isEqualTo("read_coils");
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(e.timestampMicros()).isEqualTo(777);
        assertThat(e.durationMicros()).isEqualTo(-1);
        ModbusDetail d = detail(e);
        assertThat(d.transactionId()).isEqualTo(0xC24A);
        assertThat(d.unitId()).isEqualTo(255);
        assertThat(d.address()).isEqualTo(ABSENT);
        assertThat(d.quantity()).isEqualTo(ABSENT);
        // without the request's quantity every bit of the status byte is reported
        assertThat(d.responseValues()).containsExactly(1, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void echoResponsesAloneCarryTheirAddressAndQuantity() {
        ModbusWire.Session s = new ModbusWire.Session()
                .response(1, adu(1, 1, "0F 0013 000A"))
                .response(2, adu(2, 1, "10 0001 0002"))
                .response(3, adu(3, 1, "16 0004 00F2 0025"))
                .response(4, adu(4, 1, "06 0001 0003"));
        assertThat(s.out.events).extracting(e -> detail(e).address()).containsExactly(19, 1, 4, 1);
        assertThat(s.out.events).extracting(e -> detail(e).quantity()).containsExactly(10, 2, ABSENT, 1);
        assertThat(detail(s.out.events.get(2)).andMask()).isEqualTo(0xF2);
        assertThat(detail(s.out.events.get(3)).responseValues()).containsExactly(3);
        assertThat(detail(s.out.events.get(3)).requestValues()).isNull();
    }

    @Test
    void exceptionResponseAloneIsAFailure() {
        ModbusWire.Session s = new ModbusWire.Session().response(5, adu(1, 0, "83 02"));
        OtEvent e = s.out.onlyEvent();
        assertThat(e.action()).isEqualTo("read_holding_registers");
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.durationMicros()).isEqualTo(-1);
        assertThat(detail(e).exception()).isEqualTo("illegal_data_address");
    }

    @Test
    void repeatedTransactionIdBeforeTheAnswerReportsTheEarlierRequestAsUnanswered() {
        ModbusWire.Session s = new ModbusWire.Session()
                .request(1, adu(9, 1, "03 0000 0001"))
                .request(2, adu(9, 1, "03 0005 0001"))
                .response(3, adu(9, 1, "03 02 0042"));
        assertThat(s.out.events).hasSize(2);
        assertThat(s.out.events.get(0).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(detail(s.out.events.get(0)).address()).isEqualTo(0);
        assertThat(s.out.events.get(1).outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(detail(s.out.events.get(1)).address()).isEqualTo(5);
        assertThat(s.out.events.get(1).durationMicros()).isEqualTo(1);
    }

    @Test
    void responseWithAnotherFunctionCodeIsNotTheAnswer() {
        ModbusWire.Session s = new ModbusWire.Session()
                .request(1, adu(9, 1, "03 0000 0001"))
                .response(2, adu(9, 1, "04 02 0042"));
        assertThat(s.out.events).extracting(OtEvent::action)
                .containsExactly("read_holding_registers", "read_input_registers");
        assertThat(s.out.events.get(0).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(s.out.events.get(1).durationMicros()).isEqualTo(-1);
        assertThat(s.decoder.pendingCount()).isZero();
    }

    @Test
    void responseStampedBeforeItsRequestGetsZeroDuration() {
        ModbusWire.Session s = new ModbusWire.Session()
                .request(1000, adu(1, 1, "03 0000 0001"))
                .response(990, adu(1, 1, "03 02 0001"));
        assertThat(s.out.onlyEvent().durationMicros()).isZero();
    }

    @Test
    void valueListsKeepTheFirst125Entries() {
        ModbusWire.Session s = new ModbusWire.Session()
                .exchange(1, 1, "01 0000 07D0", "01 FA" + "FF".repeat(250));
        OtEvent e = s.out.onlyEvent();
        assertThat(detail(e).quantity()).isEqualTo(2000);
        assertThat(detail(e).responseValues()).hasSize(125).containsOnly(1);
        ModbusWire.Session w = new ModbusWire.Session()
                .exchange(2, 1, "0F 0000 07B0 F6" + "55".repeat(246), "0F 0000 07B0");
        assertThat(detail(w.out.onlyEvent()).requestValues()).hasSize(125).startsWith(1, 0, 1, 0);
    }

    @Test
    void deviceIdentificationSpreadOverTwoTransactions() {
        // 6.21: more follows FF with next object id 02; the client asks again from object 02
        ModbusWire.Session s = new ModbusWire.Session()
                .exchange(1, 1, "2B 0E 01 00", "2B 0E 01 01 FF 02 02 00 03 41 42 43 01 02 58 31")
                .exchange(2, 1, "2B 0E 01 02", "2B 0E 01 01 00 00 01 02 04 56 31 2E 30");
        assertThat(s.out.events).hasSize(2);
        ModbusDetail first = detail(s.out.events.get(0));
        assertThat(first.moreFollows()).isTrue();
        assertThat(first.vendorName()).isEqualTo("ABC");
        assertThat(first.productCode()).isEqualTo("X1");
        ModbusDetail second = detail(s.out.events.get(1));
        assertThat(second.objectId()).isEqualTo(2);
        assertThat(second.moreFollows()).isFalse();
        assertThat(second.revision()).isEqualTo("V1.0");
        assertThat(second.vendorName()).isNull();
    }
}
