package io.otsoc.collector.protocol.iec104;

import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.Direction;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.otsoc.collector.protocol.iec104.Iec104Wire.S_FRAME;
import static io.otsoc.collector.protocol.iec104.Iec104Wire.STARTDT_ACT;
import static io.otsoc.collector.protocol.iec104.Iec104Wire.STARTDT_CON;
import static io.otsoc.collector.protocol.iec104.Iec104Wire.TESTFR_ACT;
import static io.otsoc.collector.protocol.iec104.Iec104Wire.TESTFR_CON;
import static io.otsoc.collector.protocol.iec104.Iec104Wire.asdu;
import static io.otsoc.collector.protocol.iec104.Iec104Wire.hex;
import static io.otsoc.collector.protocol.iec104.Iec104Wire.i;
import static org.assertj.core.api.Assertions.assertThat;

/** The decoder on hand-built APDUs: framing edges, control fields, ASDU structure, pairing and detail fields. */
class Iec104DecoderTest {

    private static final String C_IC_ACT = i(asdu(100, 0x06, 0, "14"));
    private static final String C_IC_CON = i(asdu(100, 0x07, 0, "14"));
    private static final String C_IC_TERM = i(asdu(100, 0x0a, 0, "14"));

    static Map<String, Object> fields(OtEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        e.detail().writeFields(new DetailWriter() {
            @Override
            public void number(String field, long value) {
                m.put(field, value);
            }

            @Override
            public void decimal(String field, double value) {
                m.put(field, value);
            }

            @Override
            public void text(String field, String value) {
                m.put(field, value);
            }

            @Override
            public void flag(String field, boolean value) {
                m.put(field, value);
            }

            @Override
            public void numbers(String field, int[] values, int count) {
                m.put(field, java.util.Arrays.toString(java.util.Arrays.copyOf(values, count)));
            }

            @Override
            public void texts(String field, List<String> values) {
                m.put(field, values.toString());
            }
        });
        return m;
    }

    @Test
    void startdtActivationIsReportedWithItsConfirmation() {
        Iec104Wire.Session s = new Iec104Wire.Session().toServer(STARTDT_ACT);
        assertThat(s.out.all).isEmpty();
        s.toClient(STARTDT_CON);
        assertThat(s.out.events).extracting(OtEvent::action).containsExactly("startdt_act", "startdt_con");
        assertThat(s.out.events).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(e.durationMicros()).isEqualTo(1000);
            assertThat(e.category()).isEqualTo(EventCategory.OTHER);
            assertThat(fields(e)).containsEntry("frame_format", "U");
        });
    }

    @Test
    void testFramesAreDiagnosticAndSupervisoryFramesAreCountedNotReported() {
        Iec104Wire.Session s = new Iec104Wire.Session().toServer(TESTFR_ACT + S_FRAME).toClient(TESTFR_CON + S_FRAME
                + S_FRAME);
        assertThat(s.out.events).extracting(OtEvent::action).containsExactly("testfr_act", "testfr_con");
        assertThat(s.out.events).extracting(OtEvent::category).containsOnly(EventCategory.DIAGNOSTIC);
        assertThat(s.decoder.supervisoryFrames(Direction.TO_SERVER)).isEqualTo(1);
        assertThat(s.decoder.supervisoryFrames(Direction.TO_CLIENT)).isEqualTo(2);
        assertThat(s.out.malformed).isEmpty();
    }

    @Test
    void apduSplitAcrossDeliveriesOctetByOctet() {
        Iec104Wire.Session s = new Iec104Wire.Session();
        for (byte b : hex(i(asdu(13, 0x03, 5550, "60e596c000")))) {
            s.decoder.onData(Direction.TO_CLIENT, new byte[] {0x11, b, 0x22}, 1, 1, s.micros++);
        }
        assertThat(s.out.events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("measured_value_short_floating_point");
            assertThat(e.category()).isEqualTo(EventCategory.READ);
            assertThat(fields(e)).containsEntry("type_name", "M_ME_NC_1").containsEntry("ioa", "[5550]")
                    .containsEntry("values", "[-4.7155]").containsEntry("qualities", "[good]")
                    .containsEntry("cot_name", "spontaneous").containsEntry("common_address", 1L);
        });
        assertThat(s.decoder.bufferedBytes(Direction.TO_CLIENT)).isZero();
    }

    @Test
    void severalApdusInOneDelivery() {
        Iec104Wire.Session s = new Iec104Wire.Session().toClient(
                i(asdu(1, 0x03, 1, "01")) + S_FRAME + i(asdu(3, 0x14, 2, "82")) + TESTFR_CON);
        assertThat(s.out.events).extracting(OtEvent::action).containsExactly("single_point_information",
                "double_point_information", "testfr_con");
        assertThat(fields(s.out.events.get(1))).containsEntry("values", "[on]").containsEntry("qualities", "[iv]")
                .containsEntry("cot", 20L);
    }

    @Test
    void sequenceOfObjectsNumbersAddressesFromTheBase() {
        Iec104Wire.Session s = new Iec104Wire.Session()
                .toClient("68101ad7ec54 01 83 14 00 9001 e90300 00 01 81".replace(" ", ""));
        OtEvent e = s.out.events.get(0);
        assertThat(fields(e)).containsEntry("sq", true).containsEntry("object_count", 3L)
                .containsEntry("ioa", "[1001, 1002, 1003]").containsEntry("values", "[off, on, on]")
                .containsEntry("qualities", "[good, good, iv]").containsEntry("send_sequence", 27533L)
                .containsEntry("receive_sequence", 10870L).containsEntry("common_address", 400L);
    }

    @Test
    void truncatedApduAtCloseIsReported() {
        Iec104Wire.Session s = new Iec104Wire.Session().toServer(TESTFR_ACT).toClient(TESTFR_CON)
                .toServer(C_IC_ACT.substring(0, 12)).close();
        assertThat(s.out.malformed).singleElement().satisfies(m ->
                assertThat(m.reason()).contains("truncated").contains("6 of 16 octets").contains("to server"));
    }

    @Test
    void badLengthAfterValidApdusIsReportedOnceThenResynchronised() {
        Iec104Wire.Session s = new Iec104Wire.Session().toServer(TESTFR_ACT).toClient(TESTFR_CON)
                .toServer("6802aabb 00 6800 6803").toServer(TESTFR_ACT).toClient(TESTFR_CON);
        assertThat(s.out.malformed).singleElement().satisfies(m ->
                assertThat(m.reason()).isEqualTo("IEC 104 APDU length 2 outside 4..253 (to server); skipping to the"
                        + " next start octet"));
        assertThat(s.out.events).extracting(OtEvent::action).containsExactly("testfr_act", "testfr_con",
                "testfr_act", "testfr_con");
    }

    @Test
    void oversizedLengthIsReported() {
        Iec104Wire.Session s = new Iec104Wire.Session().toServer(TESTFR_ACT).toServer("68fe" + "00".repeat(40));
        assertThat(s.out.malformed).singleElement().satisfies(m ->
                assertThat(m.reason()).contains("APDU length 254 outside 4..253"));
    }

    @Test
    void invalidControlFieldsAreReported() {
        Iec104Wire.Session s = new Iec104Wire.Session().toServer(TESTFR_ACT)
                .toServer("680417000000").toServer("680501000200ff").toServer("68040a000200");
        assertThat(s.out.malformed).extracting(RecordingOutput.Malformed::reason).containsExactly(
                "IEC 104 U-format control field 17 00 00 00 sets not exactly one of STARTDT, STOPDT, TESTFR act/con"
                        + " (to server)",
                "IEC 104 S-format APDU length 5 is not 4 (to server)",
                "IEC 104 I-format APDU of length 4 carries no ASDU (to server)");
    }

    @Test
    void unknownTypeIsReportedWithItsNumberNotGuessed() {
        Iec104Wire.Session s = new Iec104Wire.Session().toClient(i(asdu(0x80, 0x03, 7, "0102")))
                .toClient(i(asdu(24, 0x03, 7, "")));
        assertThat(s.out.events).hasSize(2).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo("unknown_type_identification");
            assertThat(e.malformed()).isFalse();
            assertThat(fields(e)).doesNotContainKey("type_name").doesNotContainKey("ioa");
        });
        assertThat(fields(s.out.events.get(0))).containsEntry("type_id", 128L);
    }

    @Test
    void elementSizesAreCheckedAgainstTheApduLength() {
        // Two single commands announced, one present.
        String shortAsdu = "2d02060001003a1000 81";
        Iec104Wire.Session s = new Iec104Wire.Session().toServer(TESTFR_ACT).toServer(i(shortAsdu))
                .toServer("680e00000000660106000100000000" + "28");
        assertThat(s.out.malformed).hasSize(2);
        RecordingOutput.Malformed first = s.out.malformed.get(0);
        assertThat(first.event().action()).isEqualTo("single_command");
        assertThat(first.event().outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(first.reason()).isEqualTo("IEC 104 ASDU of 10 octets is shorter than the 14 of 2 C_SC_NA_1 objects"
                + " (3-octet address and 1-octet element each) (to server)");
        assertThat(fields(first.event())).containsEntry("ioa", "[4154]");
        assertThat(s.out.malformed.get(1).event().action()).isEqualTo("read_command");
        assertThat(s.out.malformed.get(1).reason()).contains("1 octets after its 1 C_RD_NA_1 objects");
    }

    @Test
    void shortAsduHeaderIsReported() {
        Iec104Wire.Session s = new Iec104Wire.Session().toServer(TESTFR_ACT).toServer("680600000000 2d01");
        assertThat(s.out.malformed).singleElement().satisfies(m ->
                assertThat(m.reason()).contains("ASDU of 2 octets is shorter than its 6-octet header"));
    }

    @Test
    void selectAndExecuteArePairedWithConfirmationsAndTermination() {
        String select = i(asdu(45, 0x06, 4500, "81"));
        String selectCon = i(asdu(45, 0x07, 4500, "81"));
        String execute = i(asdu(45, 0x06, 4500, "01"));
        String executeCon = i(asdu(45, 0x07, 4500, "01"));
        String term = i(asdu(45, 0x0a, 4500, "01"));
        Iec104Wire.Session s = new Iec104Wire.Session().toServer(select);
        assertThat(s.out.events).isEmpty();
        assertThat(s.decoder.pendingCount()).isEqualTo(1);
        s.toClient(selectCon).toServer(execute).toClient(executeCon).toClient(term);
        assertThat(s.out.events).extracting(e -> fields(e).get("cot")).containsExactly(6L, 7L, 6L, 7L, 10L);
        assertThat(s.out.events).extracting(OtEvent::outcome).containsOnly(Outcome.SUCCESS);
        assertThat(s.out.events).extracting(OtEvent::durationMicros).containsExactly(1000L, 1000L, 1000L, 1000L,
                2000L);
        assertThat(s.out.events).extracting(OtEvent::category).containsOnly(EventCategory.CONTROL);
        assertThat(fields(s.out.events.get(0))).containsEntry("select", true).containsEntry("qualifier", 0L)
                .containsEntry("values", "[on]");
        assertThat(fields(s.out.events.get(2))).containsEntry("select", false);
        assertThat(s.decoder.pendingCount()).isZero();
    }

    @Test
    void negativeConfirmationAndRefusalAreFailures() {
        Iec104Wire.Session s = new Iec104Wire.Session().toServer(i(asdu(46, 0x06, 15000, "82")))
                .toClient(i(asdu(46, 0x47, 15000, "82")))
                .toServer(i(asdu(47, 0x06, 9, "02"))).toClient(i(asdu(47, 0x2f, 9, "02")));
        assertThat(s.out.events).hasSize(4).allSatisfy(e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILURE));
        assertThat(s.out.events.get(0).errorMessage())
                .isEqualTo("IEC 104 C_DC_NA_1 negative activation_confirmation (P/N bit set)");
        assertThat(s.out.events.get(2).errorMessage()).isEqualTo(
                "IEC 104 C_RC_NA_1 refused with cause of transmission 47 (unknown_information_object_address)");
        assertThat(fields(s.out.events.get(1))).containsEntry("negative", true);
        assertThat(s.decoder.pendingCount()).isZero();
    }

    @Test
    void interrogationIsAReadPairedWithItsTermination() {
        Iec104Wire.Session s = new Iec104Wire.Session().toServer(C_IC_ACT).toClient(C_IC_CON)
                .toClient(i(asdu(1, 0x14, 1, "01"))).toClient(C_IC_TERM);
        assertThat(s.out.events).extracting(OtEvent::action).containsExactly("interrogation_command",
                "interrogation_command", "single_point_information", "interrogation_command");
        assertThat(s.out.events.get(0).category()).isEqualTo(EventCategory.READ);
        assertThat(fields(s.out.events.get(0))).containsEntry("qualifier", 20L);
        assertThat(s.out.events.get(3).durationMicros()).isEqualTo(3000);
    }

    @Test
    void clockSynchronizationCarriesItsTime() {
        Iec104Wire.Session s = new Iec104Wire.Session().toServer(i(asdu(103, 0x06, 0, "c83239081d0808")));
        s.close();
        OtEvent e = s.out.events.get(0);
        assertThat(e.action()).isEqualTo("clock_synchronization");
        assertThat(e.category()).isEqualTo(EventCategory.CONTROL);
        assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(fields(e)).containsEntry("time", "2008-08-29T08:57:13.000").containsEntry("time_invalid", false);
    }

    @Test
    void timeTaggedSetpointDecodesValueQualifierAndTime() {
        Iec104Wire.Session s = new Iec104Wire.Session().toClient(
                "6817d20a1a00 3e 01 47 00 9001 421f00 0100 00 ddd903091007 18".replace(" ", ""));
        OtEvent e = s.out.events.get(0);
        assertThat(e.action()).isEqualTo("setpoint_command_scaled");
        assertThat(fields(e)).containsEntry("type_name", "C_SE_TB_1").containsEntry("ioa", "[8002]")
                .containsEntry("values", "[1]").containsEntry("select", false).containsEntry("qualifier", 0L)
                .containsEntry("time", "2024-07-16T09:03:55.773").containsEntry("negative", true)
                .containsEntry("send_sequence", 1385L).containsEntry("receive_sequence", 13L);
    }

    @Test
    void endOfInitializationAndIntegratedTotals() {
        Iec104Wire.Session s = new Iec104Wire.Session().toClient(i(asdu(70, 0x04, 0, "82")))
                .toClient(i(asdu(15, 0x25, 7, "e803000061")));
        assertThat(fields(s.out.events.get(0))).containsEntry("values", "[remote_reset]").containsEntry("qualifier", 1L);
        assertThat(fields(s.out.events.get(1))).containsEntry("values", "[1000]").containsEntry("qualities", "[cy,ca]")
                .containsEntry("cot_name", "requested_by_general_counter_request");
    }

    @Test
    void objectListsAreBounded() {
        StringBuilder a = new StringBuilder("0114030001");
        a.setLength(0);
        a.append(String.format("01%02x140001 00", 40));
        for (int k = 0; k < 40; k++) {
            a.append(String.format("%02x0000 01", k + 1));
        }
        Iec104Wire.Session s = new Iec104Wire.Session().toClient(i(a.toString()));
        Iec104Detail d = (Iec104Detail) s.out.events.get(0).detail();
        assertThat(d.objectCount()).isEqualTo(40);
        assertThat(d.objects()).hasSize(Iec104Detail.MAX_OBJECTS);
    }

    @Test
    void pendingActivationsAreBoundedAndFlushedAtClose() {
        Iec104Wire.Session s = new Iec104Wire.Session();
        for (int k = 0; k < 40; k++) {
            s.toServer(i(asdu(45, 0x06, k, "01")));
            assertThat(s.decoder.pendingCount()).isLessThanOrEqualTo(Iec104Decoder.MAX_PENDING);
        }
        assertThat(s.out.events).hasSize(40 - Iec104Decoder.MAX_PENDING);
        s.close();
        assertThat(s.out.events).hasSize(40).allSatisfy(e -> assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN));
        assertThat(s.decoder.pendingCount()).isZero();
    }

    @Test
    void unansweredActivationExpires() {
        Iec104Wire.Session s = new Iec104Wire.Session().toServer(C_IC_ACT);
        s.micros += Iec104Decoder.CONFIRMATION_TIMEOUT_MICROS;
        s.toServer(TESTFR_ACT);
        assertThat(s.out.events).extracting(OtEvent::action).containsExactly("interrogation_command");
        assertThat(s.out.events.get(0).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void gapDropsThePartialApduWithoutReport() {
        Iec104Wire.Session s = new Iec104Wire.Session().toServer(TESTFR_ACT).toServer(C_IC_ACT.substring(0, 10));
        s.decoder.onGap(Direction.TO_SERVER, 100, s.micros);
        s.toServer(C_IC_ACT.substring(20)).toServer(TESTFR_ACT).close();
        assertThat(s.out.malformed).isEmpty();
        assertThat(s.out.events).extracting(OtEvent::action).containsExactly("testfr_act", "testfr_act");
    }

    @Test
    void otherProtocolOnThePortIsNotIec104() {
        Iec104Wire.Session s = new Iec104Wire.Session();
        String http = "474554202f20485454502f312e310d0a".repeat(40);
        s.toServer(http).toServer(http);
        assertThat(s.out.notThisProtocol).hasSize(1);
        assertThat(s.out.all).hasSize(1);
    }
}
