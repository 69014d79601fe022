package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.Direction;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.otsoc.collector.protocol.modbus.ModbusWire.adu;
import static io.otsoc.collector.protocol.modbus.ModbusWire.concat;
import static io.otsoc.collector.protocol.modbus.ModbusWire.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MBAP framing over the in-order byte stream (Modbus Messaging on TCP/IP Implementation Guide V1.0b, 3.1.3 and
 * 4.2): ADUs split and coalesced, truncated, invalid headers, non-Modbus bytes and gaps.
 */
class ModbusFramingTest {

    private static final byte[] REQUEST = adu(1, 0x11, "03 006B 0003");
    private static final byte[] RESPONSE = adu(1, 0x11, "03 06 022B 0000 0064");

    private static void feed(ModbusDecoder decoder, Direction direction, byte[] bytes, int from, int to, long micros) {
        // copy into a larger buffer at an offset, so that offsets are honoured and the slice is all the decoder may read
        byte[] padded = new byte[to - from + 10];
        Arrays.fill(padded, (byte) 0x5A);
        System.arraycopy(bytes, from, padded, 5, to - from);
        decoder.onData(direction, padded, 5, to - from, micros);
    }

    private static void assertReadHoldingRegisters(OtEvent e) {
        assertThat(e.action()).isEqualTo("read_holding_registers");
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(((ModbusDetail) e.detail()).responseValues()).containsExactly(555, 0, 100);
        assertThat(((ModbusDetail) e.detail()).transactionId()).isEqualTo(1);
        assertThat(((ModbusDetail) e.detail()).unitId()).isEqualTo(0x11);
    }

    @Test
    void aduSplitAtEveryPosition() {
        for (int cut = 1; cut < REQUEST.length; cut++) {
            for (int responseCut = 1; responseCut < RESPONSE.length; responseCut += 3) {
                ModbusWire.Session s = new ModbusWire.Session();
                feed(s.decoder, Direction.TO_SERVER, REQUEST, 0, cut, 100);
                assertThat(s.decoder.bufferedBytes(Direction.TO_SERVER)).isEqualTo(cut);
                feed(s.decoder, Direction.TO_SERVER, REQUEST, cut, REQUEST.length, 200);
                feed(s.decoder, Direction.TO_CLIENT, RESPONSE, 0, responseCut, 300);
                feed(s.decoder, Direction.TO_CLIENT, RESPONSE, responseCut, RESPONSE.length, 400);
                OtEvent e = s.out.onlyEvent();
                assertReadHoldingRegisters(e);
                // the request's time is when its first byte arrived
                assertThat(e.timestampMicros()).isEqualTo(100);
                assertThat(e.durationMicros()).isEqualTo(200);
                assertThat(s.decoder.bufferedBytes(Direction.TO_SERVER)).isZero();
            }
        }
    }

    @Test
    void aduDeliveredByteByByte() {
        ModbusWire.Session s = new ModbusWire.Session();
        for (int i = 0; i < REQUEST.length; i++) {
            feed(s.decoder, Direction.TO_SERVER, REQUEST, i, i + 1, 10 + i);
        }
        for (int i = 0; i < RESPONSE.length; i++) {
            feed(s.decoder, Direction.TO_CLIENT, RESPONSE, i, i + 1, 50 + i);
        }
        OtEvent e = s.out.onlyEvent();
        assertReadHoldingRegisters(e);
        assertThat(e.timestampMicros()).isEqualTo(10);
        assertThat(e.durationMicros()).isEqualTo(40);
    }

    @Test
    void severalAdusInOneDelivery() {
        byte[] requests = concat(adu(1, 1, "01 0000 0008"), adu(2, 1, "03 0000 0001"), adu(3, 2, "06 0001 0003"));
        byte[] responses = concat(adu(1, 1, "01 01 81"), adu(2, 1, "03 02 BEEF"), adu(3, 2, "06 0001 0003"));
        ModbusWire.Session s = new ModbusWire.Session().request(10, requests).response(20, responses);
        assertThat(s.out.events).extracting(OtEvent::action)
                .containsExactly("read_coils", "read_holding_registers", "write_single_register");
        assertThat(((ModbusDetail) s.out.events.get(0).detail()).responseValues()).containsExactly(1, 0, 0, 0, 0, 0, 0, 1);
        assertThat(((ModbusDetail) s.out.events.get(1).detail()).responseValues()).containsExactly(0xBEEF);
        assertThat(s.out.events).allMatch(e -> e.durationMicros() == 10);
    }

    @Test
    void coalescedAdusWithTheLastOneSplit() {
        byte[] two = concat(adu(1, 1, "03 0000 0001"), adu(2, 1, "03 0001 0001"));
        ModbusWire.Session s = new ModbusWire.Session();
        feed(s.decoder, Direction.TO_SERVER, two, 0, 17, 1);
        assertThat(s.decoder.pendingCount()).isEqualTo(1);
        assertThat(s.decoder.bufferedBytes(Direction.TO_SERVER)).isEqualTo(5);
        feed(s.decoder, Direction.TO_SERVER, two, 17, two.length, 2);
        assertThat(s.decoder.pendingCount()).isEqualTo(2);
        s.response(3, concat(adu(2, 1, "03 02 0002"), adu(1, 1, "03 02 0001")));
        assertThat(s.out.events).extracting(e -> ((ModbusDetail) e.detail()).address()).containsExactly(1, 0);
    }

    @Test
    void largestAduIs260Bytes() {
        // 125 registers: unit + fc + byte count 250 + 250 bytes = MBAP length 253, ADU 259; FC 23's largest response too
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 125; i++) {
            values.append(String.format("%04x", i));
        }
        byte[] response = adu(9, 1, "03 FA" + values);
        assertThat(response.length).isEqualTo(259);
        ModbusWire.Session s = new ModbusWire.Session().request(1, adu(9, 1, "03 0000 007D"));
        feed(s.decoder, Direction.TO_CLIENT, response, 0, 200, 2);
        assertThat(s.decoder.bufferedBytes(Direction.TO_CLIENT)).isEqualTo(200);
        feed(s.decoder, Direction.TO_CLIENT, response, 200, response.length, 3);
        ModbusDetail d = s.out.onlyDetail();
        assertThat(d.responseValues()).hasSize(125);
        assertThat(d.responseValues()[124]).isEqualTo(124);
        // a 254-byte MBAP length (the most allowed) frames a 260-byte ADU
        byte[] longest = adu(10, 1, "41" + "00".repeat(252));
        assertThat(longest.length).isEqualTo(260);
        s.request(4, longest);
        assertThat(s.decoder.pendingCount()).isEqualTo(1);
        assertThat(s.out.malformed).isEmpty();
    }

    @Test
    void truncatedAduAtCloseIsReported() {
        ModbusWire.Session s = new ModbusWire.Session().exchange(1, 1, "03 0000 0001", "03 02 0001");
        byte[] request = adu(2, 5, "10 0001 0002 04 000A 0102");
        feed(s.decoder, Direction.TO_SERVER, request, 0, 12, 77);
        s.close(90);
        assertThat(s.out.malformed).hasSize(1);
        RecordingOutput.Malformed m = s.out.malformed.get(0);
        assertThat(m.reason()).isEqualTo("ADU cut short by the end of the flow: 12 of 17 bytes");
        assertThat(m.timestampMicros()).isEqualTo(77);
        assertThat(m.partial().transactionId()).isEqualTo(2);
        assertThat(m.partial().unitId()).isEqualTo(5);
        assertThat(m.partial().functionCode()).isEqualTo(16);
    }

    @Test
    void truncatedHeaderAtCloseIsReported() {
        ModbusWire.Session s = new ModbusWire.Session().exchange(1, 1, "03 0000 0001", "03 02 0001");
        feed(s.decoder, Direction.TO_CLIENT, adu(2, 1, "03 02 0001"), 0, 4, 5);
        s.close(6);
        assertThat(s.out.malformed).extracting(RecordingOutput.Malformed::reason)
                .containsExactly("ADU cut short by the end of the flow: 4 of at least 7 bytes");
        assertThat(s.out.malformed.get(0).partial()).isNull();
    }

    @Test
    void partialFirstAduAtCloseIsNotReportedBeforeModbusIsEstablished() {
        ModbusWire.Session s = new ModbusWire.Session();
        feed(s.decoder, Direction.TO_SERVER, REQUEST, 0, 9, 1);
        s.close(2);
        assertThat(s.out.all).isEmpty();
    }

    @Test
    void nonModbusBytesAtTheStartMeanNotThisProtocol() {
        byte[] http = "GET / HTTP/1.1\r\nHost: plc\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        ModbusWire.Session s = new ModbusWire.Session().request(5, http);
        assertThat(s.out.notThisProtocol).hasSize(1);
        assertThat(s.out.notThisProtocol.get(0).reason())
                .isEqualTo("MBAP protocol identifier 21536 is not 0 (Modbus) at the start of the stream to the server");
        assertThat(s.out.notThisProtocol.get(0).timestampMicros()).isEqualTo(5);
        // detached: nothing more is read or reported
        s.request(6, REQUEST).response(7, RESPONSE).close(8);
        assertThat(s.out.all).hasSize(1);
    }

    @Test
    void tlsHandshakeIsNotModbus() {
        ModbusWire.Session s = new ModbusWire.Session().request(1, hex("16 0301 00F8 01 0000F4 0303"));
        assertThat(s.out.events).isEmpty();
        assertThat(s.out.malformed).isEmpty();
        assertThat(s.out.notThisProtocol).extracting(RecordingOutput.NotThisProtocol::reason)
                .containsExactly("MBAP protocol identifier 256 is not 0 (Modbus) at the start of the stream to the server");
    }

    @Test
    void validLookingHeaderWithFunctionCodeZeroFirstIsNotModbus() {
        ModbusWire.Session s = new ModbusWire.Session().request(1, hex("0001 0000 0003 01 00 00"));
        assertThat(s.out.notThisProtocol).extracting(RecordingOutput.NotThisProtocol::reason)
                .containsExactly("function code 0 in the first ADU to the server is not a Modbus function");
    }

    @Test
    void serverSpeakingFirstWithAnExceptionBitOnlyCodeIsNotModbus() {
        ModbusWire.Session s = new ModbusWire.Session().response(1, hex("0001 0000 0003 01 80 01"));
        assertThat(s.out.notThisProtocol).extracting(RecordingOutput.NotThisProtocol::reason)
                .containsExactly("function code 128 in the first ADU to the client is not a Modbus function");
    }

    @Test
    void oversizedLengthAtTheStartIsNotModbus() {
        ModbusWire.Session s = new ModbusWire.Session().request(1, hex("0001 0000 00FF 01 03 0000 0001"));
        assertThat(s.out.notThisProtocol).extracting(RecordingOutput.NotThisProtocol::reason).containsExactly(
                "MBAP length 255 is outside 2..254 (unit id and PDU of at most 253 bytes) at the start of the stream to the server");
    }

    @Test
    void lengthBelowTwoAtTheStartIsNotModbus() {
        ModbusWire.Session s = new ModbusWire.Session().request(1, hex("0001 0000 0001 01 03 0000"));
        assertThat(s.out.notThisProtocol).hasSize(1);
        assertThat(s.out.notThisProtocol.get(0).reason()).startsWith("MBAP length 1 is outside 2..254");
    }

    @Test
    void oversizedLengthAfterModbusIsMalformedAndTheStreamResynchronises() {
        ModbusWire.Session s = new ModbusWire.Session().exchange(1, 1, "03 0000 0001", "03 02 0001");
        // a 300-byte length field, then (next segment) a valid request
        s.request(10, hex("0002 0000 012C 01 03 0000 0001"));
        s.request(11, adu(3, 1, "03 0000 0002"));
        s.response(12, adu(3, 1, "03 04 0001 0002"));
        assertThat(s.out.malformed).extracting(RecordingOutput.Malformed::reason).containsExactly(
                "MBAP length 300 is outside 2..254 (unit id and PDU of at most 253 bytes) (to the server); resynchronising");
        assertThat(s.out.malformed.get(0).timestampMicros()).isEqualTo(10);
        assertThat(s.out.events).hasSize(2);
        assertThat(((ModbusDetail) s.out.events.get(1).detail()).responseValues()).containsExactly(1, 2);
        assertThat(s.out.notThisProtocol).isEmpty();
    }

    @Test
    void oversizedAduThatFitsTheStreamIsFramedAndReportedAsAMalformedTransactionOfItsFunction() {
        // modicon_test.pcap's tid 7: a UMAS (function 90) echo with MBAP length 255, answered alike, each ADU
        // filling its segment; here each is followed in the same delivery by a valid ADU, which stays in step
        String data = "00".repeat(250);
        ModbusWire.Session s = new ModbusWire.Session()
                .request(10, concat(adu(7, 0, "5A 00 0A 00" + data), adu(8, 0, "5A 00 03")))
                .response(20, concat(adu(7, 0, "5A 00 FE 00" + data), adu(8, 0, "5A 00 FE")));
        assertThat(s.out.malformed).hasSize(1);
        RecordingOutput.Malformed m = s.out.malformed.get(0);
        assertThat(m.action()).isEqualTo("unknown_function");
        assertThat(m.reason()).isEqualTo(
                "request ADU: MBAP length 255 exceeds 254 (a PDU of 254 bytes, beyond the specification's 253)");
        assertThat(m.event().durationMicros()).isEqualTo(10);
        assertThat(m.partial().transactionId()).isEqualTo(7);
        assertThat(m.partial().functionCode()).isEqualTo(90);
        assertThat(m.partial().requestLength()).isEqualTo(255);
        assertThat(m.partial().responseLength()).isEqualTo(255);
        assertThat(s.out.events).singleElement().satisfies(e -> {
            assertThat(((ModbusDetail) e.detail()).transactionId()).isEqualTo(8);
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        });
        assertThat(s.decoder.pendingCount()).isZero();
    }

    @Test
    void oversizedAduAloneInItsDeliveryIsFramed() {
        ModbusWire.Session s = new ModbusWire.Session().exchange(1, 1, "03 0000 0001", "03 02 0001");
        s.request(10, adu(2, 1, "10 0000 007C F8" + "00".repeat(248)));
        s.response(20, adu(2, 1, "90 03"));
        assertThat(s.out.malformed).extracting(RecordingOutput.Malformed::action)
                .containsExactly("write_multiple_registers");
        RecordingOutput.Malformed m = s.out.malformed.get(0);
        assertThat(m.reason()).startsWith("request ADU: MBAP length 255 exceeds 254");
        assertThat(m.partial().exceptionCode()).isEqualTo(3);
        assertThat(m.partial().requestLength()).isEqualTo(255);
        assertThat(m.partial().responseLength()).isEqualTo(3);
    }

    @Test
    void oversizedAduThatDoesNotFitTheStreamIsAnInvalidHeader() {
        ModbusWire.Session s = new ModbusWire.Session().exchange(1, 1, "03 0000 0001", "03 02 0001");
        // length 255 but followed by bytes that are no MBAP header
        s.request(10, concat(adu(2, 1, "5A" + "00".repeat(253)), hex("FFFF FFFF")));
        s.request(11, adu(3, 1, "03 0000 0002"));
        s.response(12, adu(3, 1, "03 04 0001 0002"));
        // length 255 and the ADU does not end within the delivery: not framed, even if the rest would follow
        s.request(13, concat(hex("0004 0000 00FF 01 5A"), hex("00".repeat(100))));
        s.request(14, adu(5, 1, "03 0000 0001"));
        s.response(15, adu(5, 1, "03 02 0009"));
        assertThat(s.out.malformed).extracting(RecordingOutput.Malformed::action)
                .containsExactly("malformed_message", "malformed_message");
        assertThat(s.out.malformed).extracting(RecordingOutput.Malformed::reason).allSatisfy(reason ->
                assertThat(reason).startsWith("MBAP length 255 is outside 2..254"));
        assertThat(s.out.events).extracting(e -> ((ModbusDetail) e.detail()).transactionId()).containsExactly(1, 3, 5);
        assertThat(((ModbusDetail) s.out.events.get(2).detail()).responseValues()).containsExactly(9);
    }

    @Test
    void protocolIdOtherThanZeroAfterModbusIsMalformedAndResynchronisesInTheSameDelivery() {
        ModbusWire.Session s = new ModbusWire.Session().exchange(1, 1, "03 0000 0001", "03 02 0001");
        byte[] bad = hex("0002 0001 0006 01 03 0000 0001");
        s.response(20, concat(bad, adu(2, 1, "03 02 0005")));
        assertThat(s.out.malformed).extracting(RecordingOutput.Malformed::reason)
                .containsExactly("MBAP protocol identifier 1 is not 0 (Modbus) (to the client); resynchronising");
        // the valid ADU after the bad one is found and reported (alone: its request was never sent)
        assertThat(s.out.events).hasSize(2);
        assertThat(s.out.events.get(1).durationMicros()).isEqualTo(-1);
        assertThat(((ModbusDetail) s.out.events.get(1).detail()).responseValues()).containsExactly(5);
    }

    @Test
    void invalidHeaderInsideABufferedPartialAdu() {
        ModbusWire.Session s = new ModbusWire.Session().exchange(1, 1, "03 0000 0001", "03 02 0001");
        s.request(30, hex("0002 00"));
        s.request(31, hex("07 0006 01 03 0000 0001"));
        assertThat(s.out.malformed).extracting(RecordingOutput.Malformed::reason)
                .containsExactly("MBAP protocol identifier 7 is not 0 (Modbus) (to the server); resynchronising");
        s.request(32, adu(3, 1, "03 0000 0001")).response(33, adu(3, 1, "03 02 0003"));
        assertThat(s.out.events).hasSize(2);
    }

    @Test
    void gapDropsThePartialAduAndTheNextSegmentResynchronises() {
        ModbusWire.Session s = new ModbusWire.Session().exchange(1, 1, "03 0000 0001", "03 02 0001");
        byte[] lost = adu(2, 1, "10 0001 0002 04 000A 0102");
        feed(s.decoder, Direction.TO_SERVER, lost, 0, 10, 40);
        s.decoder.onGap(Direction.TO_SERVER, 7, 41);
        assertThat(s.decoder.bufferedBytes(Direction.TO_SERVER)).isZero();
        s.request(42, adu(3, 1, "06 0001 0003")).response(43, adu(3, 1, "06 0001 0003"));
        assertThat(s.out.malformed).isEmpty();
        assertThat(s.out.events).extracting(OtEvent::action).containsExactly("read_holding_registers", "write_single_register");
        assertThat(s.decoder.pendingCount()).isZero();
    }

    @Test
    void gapThenDataStartingInsideAnAduSkipsToTheNextAduStart() {
        ModbusWire.Session s = new ModbusWire.Session().exchange(1, 1, "03 0000 0001", "03 02 0001");
        s.decoder.onGap(Direction.TO_CLIENT, 100, 50);
        byte[] tailOfLost = hex("00 0A 00 0B 00 0C 00 00 00 00"); // register values that even contain zeros
        s.request(49, adu(4, 1, "03 0000 0002"));
        s.response(51, concat(tailOfLost, adu(4, 1, "03 04 1111 2222")));
        assertThat(s.out.malformed).isEmpty();
        assertThat(s.out.events).hasSize(2);
        OtEvent e = s.out.events.get(1);
        assertThat(e.durationMicros()).isEqualTo(2);
        assertThat(((ModbusDetail) e.detail()).responseValues()).containsExactly(0x1111, 0x2222);
    }

    @Test
    void gapBeforeModbusThenValidAdus() {
        ModbusWire.Session s = new ModbusWire.Session();
        s.decoder.onGap(Direction.TO_SERVER, 1000, 1);
        s.request(2, concat(hex("77 88 99"), REQUEST)).response(3, RESPONSE);
        assertReadHoldingRegisters(s.out.onlyEvent());
    }

    @Test
    void gapBeforeModbusThenOnlyJunkIsNotModbus() {
        ModbusWire.Session s = new ModbusWire.Session();
        s.decoder.onGap(Direction.TO_SERVER, 1000, 1);
        byte[] junk = new byte[300];
        Arrays.fill(junk, (byte) 0x41);
        s.request(2, junk).request(3, junk);
        assertThat(s.out.events).isEmpty();
        assertThat(s.out.notThisProtocol).extracting(RecordingOutput.NotThisProtocol::reason)
                .containsExactly("no Modbus ADU start found in 600 bytes to the server");
    }

    @Test
    void junkAfterAGapOnceModbusIsEstablishedIsSkippedQuietly() {
        ModbusWire.Session s = new ModbusWire.Session().exchange(1, 1, "03 0000 0001", "03 02 0001");
        s.decoder.onGap(Direction.TO_SERVER, 10, 5);
        byte[] junk = new byte[2000];
        Arrays.fill(junk, (byte) 0x41);
        s.request(6, junk).request(7, adu(2, 1, "03 0000 0001")).response(8, adu(2, 1, "03 02 0002"));
        assertThat(s.out.malformed).isEmpty();
        assertThat(s.out.notThisProtocol).isEmpty();
        assertThat(s.out.events).hasSize(2);
    }

    @Test
    void emptyDeliveriesChangeNothing() {
        ModbusWire.Session s = new ModbusWire.Session();
        s.decoder.onData(Direction.TO_SERVER, new byte[0], 0, 0, 1);
        s.request(2, REQUEST).response(3, RESPONSE);
        assertReadHoldingRegisters(s.out.onlyEvent());
    }
}
