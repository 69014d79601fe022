package io.otsoc.collector.protocol.s7comm;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static io.otsoc.collector.protocol.Direction.TO_CLIENT;
import static io.otsoc.collector.protocol.Direction.TO_SERVER;
import static org.assertj.core.api.Assertions.assertThat;

/** Hand-built TPKT (RFC 1006) / COTP (ISO 8073) / S7comm bytes, values laid out as the protocol defines them. */
class S7commDecoderTest {

    static final FlowRef FLOW = new FlowRef("1:s7", "tcp", "00:00:5e:00:53:01", "00:00:5e:00:53:02",
            "192.0.2.10", 49152, "192.0.2.20", 102, -1);

    /** CR with TPDU size 0x0A, calling TSAP 0x0100 and called TSAP 0x0102. */
    static final String CR = "03 00 00 16 11 E0 00 00 00 01 00 C0 01 0A C1 02 01 00 C2 02 01 02";

    static final class Recording implements DecoderOutput {
        final List<OtEvent> events = new ArrayList<>();
        final List<String> malformed = new ArrayList<>();
        final List<String> notThis = new ArrayList<>();

        @Override
        public void event(OtEvent event) {
            events.add(event);
        }

        @Override
        public void malformed(long ts, String reason, ProtocolDetail partial) {
            malformed.add(reason);
        }

        /** Malformed messages reported as events (the MMS layers report theirs with protocol mms). */
        final List<OtEvent> malformedEvents = new ArrayList<>();

        @Override
        public void malformed(OtEvent event) {
            malformedEvents.add(event);
        }

        @Override
        public void notThisProtocol(long ts, String reason) {
            notThis.add(reason);
        }
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** A COTP DT TPDU with EOT (or not) in a TPKT around {@code s7}. */
    static byte[] dt(String s7, boolean eot) {
        byte[] payload = hex(s7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = 4 + 3 + payload.length;
        out.writeBytes(new byte[] {3, 0, (byte) (length >> 8), (byte) length, 2, (byte) 0xF0, (byte) (eot ? 0x80 : 0)});
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static String ascii(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }

    private final Recording out = new Recording();
    private final S7commDecoder decoder = new S7commDecoder(FLOW, out);

    private void send(Direction d, byte[] b, long ts) {
        decoder.onData(d, b, 0, b.length, ts);
    }

    private OtEvent exchange(String job, String ack) {
        send(TO_SERVER, hex(CR), 1);
        send(TO_SERVER, dt(job, true), 10);
        send(TO_CLIENT, dt(ack, true), 25);
        assertThat(out.malformed).isEmpty();
        assertThat(out.notThis).isEmpty();
        assertThat(out.events).hasSize(1);
        return out.events.get(0);
    }

    @Test
    void setupCommunicationPairsJobWithAckDataAndCarriesTsaps() {
        OtEvent e = exchange("32 01 0000 0000 0008 0000 F0 00 0001 0001 01E0",
                "32 03 0000 0000 0008 0000 00 00 F0 00 0001 0001 00F0");
        S7Detail d = (S7Detail) e.detail();
        assertThat(e.action()).isEqualTo("setup_communication");
        assertThat(e.category()).isEqualTo(EventCategory.DIAGNOSTIC);
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(e.timestampMicros()).isEqualTo(10);
        assertThat(e.durationMicros()).isEqualTo(15);
        assertThat(d.rosctr()).isEqualTo(1);
        assertThat(d.functionCode()).isEqualTo(0xF0);
        assertThat(d.errorClass()).isZero();
        assertThat(d.errorCode()).isZero();
        assertThat(d.srcTsap()).isEqualTo("0100");
        assertThat(d.dstTsap()).isEqualTo("0102");
    }

    @Test
    void readVarWithErrorIsAFailedRead() {
        OtEvent e = exchange("32 01 0000 0001 000E 0000 04 01 120A10020001000184000000",
                "32 03 0000 0001 0002 0000 81 04 04 01");
        S7Detail d = (S7Detail) e.detail();
        assertThat(e.action()).isEqualTo("read_var");
        assertThat(e.category()).isEqualTo(EventCategory.READ);
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorMessage()).contains("0x81").contains("0x4");
        assertThat(d.itemCount()).isEqualTo(1);
        assertThat(d.pduReference()).isEqualTo(1);
        assertThat(d.errorClass()).isEqualTo(0x81);
        assertThat(d.errorCode()).isEqualTo(4);
    }

    @Test
    void plcStopNamesItsPiServiceAndIsControl() {
        OtEvent e = exchange("32 01 0000 0002 0010 0000 29 0000000000 09 " + ascii("P_PROGRAM"),
                "32 03 0000 0002 0001 0000 00 00 29");
        assertThat(e.action()).isEqualTo("plc_stop");
        assertThat(e.category()).isEqualTo(EventCategory.CONTROL);
        assertThat(((S7Detail) e.detail()).piService()).isEqualTo("P_PROGRAM");
    }

    @Test
    void piServiceStartIsControlAndInsertIsProgram() {
        OtEvent start = exchange("32 01 0000 0003 0014 0000 28 000000000000FD 0000 09 " + ascii("P_PROGRAM"),
                "32 03 0000 0003 0001 0000 00 00 28");
        assertThat(start.action()).isEqualTo("pi_service");
        assertThat(start.category()).isEqualTo(EventCategory.CONTROL);
        send(TO_SERVER, dt("32 01 0000 0004 0010 0000 28 000000000000FD 0000 05 " + ascii("_INSE"), true), 40);
        send(TO_CLIENT, dt("32 03 0000 0004 0001 0000 00 00 28", true), 41);
        OtEvent insert = out.events.get(1);
        assertThat(((S7Detail) insert.detail()).piService()).isEqualTo("_INSE");
        assertThat(insert.category()).isEqualTo(EventCategory.PROGRAM);
    }

    @Test
    void startUploadReadsBlockTypeAndNumberFromTheFileName() {
        OtEvent e = exchange("32 01 0000 0005 0012 0000 1D 00 0000 00000000 09 " + ascii("_0A00017P"),
                "32 03 0000 0005 0010 0000 00 00 1D 00 0000 00000007 07 " + ascii("0000512"));
        S7Detail d = (S7Detail) e.detail();
        assertThat(e.action()).isEqualTo("start_upload");
        assertThat(e.category()).isEqualTo(EventCategory.PROGRAM);
        assertThat(d.blockType()).isEqualTo("DB");
        assertThat(d.blockNumber()).isEqualTo(17);
    }

    @Test
    void userdataReadSzlPairsRequestAndResponse() {
        OtEvent e = exchange("32 07 0000 0005 0008 0008 000112 04 11 44 01 00 FF 09 0004 0011 0000",
                "32 07 0000 0005 000C 0008 000112 08 12 84 01 01 00 00 0000 FF 09 0004 0011 0000");
        S7Detail d = (S7Detail) e.detail();
        assertThat(e.action()).isEqualTo("read_szl");
        assertThat(e.category()).isEqualTo(EventCategory.DISCOVERY);
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(d.userdataGroup()).isEqualTo(4);
        assertThat(d.userdataSubfunction()).isEqualTo(1);
        assertThat(d.szlId()).isEqualTo(0x11);
        assertThat(d.szlIndex()).isZero();
        assertThat(d.rosctr()).isEqualTo(7);
    }

    @Test
    void byteByByteAndCoalescedGiveTheSameEvent() {
        String job = "32 01 0000 0001 000E 0000 04 01 120A10020001000184000000";
        String ack = "32 03 0000 0001 0002 0000 00 00 04 01";
        byte[] stream = concat(hex(CR), dt(job, true));
        for (int i = 0; i < stream.length; i++) {
            decoder.onData(TO_SERVER, stream, i, 1, 5);
        }
        byte[] back = dt(ack, true);
        for (int i = 0; i < back.length; i++) {
            decoder.onData(TO_CLIENT, back, i, 1, 6);
        }
        Recording coalesced = new Recording();
        S7commDecoder other = new S7commDecoder(FLOW, coalesced);
        byte[] all = concat(stream, dt("32 01 0000 0002 000E 0000 04 01 120A10020001000184000000", true));
        other.onData(TO_SERVER, all, 0, all.length, 5);
        byte[] acks = concat(back, dt("32 03 0000 0002 0002 0000 00 00 04 01", true));
        other.onData(TO_CLIENT, acks, 0, acks.length, 6);
        assertThat(out.malformed).isEmpty();
        assertThat(out.notThis).isEmpty();
        assertThat(out.events).hasSize(1);
        assertThat(coalesced.events).hasSize(2);
        assertThat(coalesced.events.get(0).detail()).isEqualTo(out.events.get(0).detail());
        assertThat(coalesced.events.get(1).action()).isEqualTo("read_var");
        assertThat(out.malformed).isEmpty();
        assertThat(coalesced.malformed).isEmpty();
    }

    @Test
    void cotpSegmentsAreJoinedAtEot() {
        send(TO_SERVER, hex(CR), 1);
        String job = "32 01 0000 0007 000E 0000 04 01 120A10020001000184000000";
        String h = job.replace(" ", "");
        send(TO_SERVER, dt(h.substring(0, 20), false), 2);
        send(TO_SERVER, dt(h.substring(20), true), 3);
        decoder.onClose(9);
        assertThat(out.events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("read_var");
            assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
            assertThat(e.timestampMicros()).isEqualTo(2);
        });
    }

    @Test
    void lengthsBeyondThePduAreMalformed() {
        send(TO_SERVER, hex(CR), 1);
        send(TO_SERVER, dt("32 01 0000 0001 0020 0000 04 01", true), 2);
        assertThat(out.malformed).singleElement().asString().contains("parameter length 32");
        send(TO_SERVER, dt("32 01 0000", true), 3);
        assertThat(out.malformed).hasSize(2);
        assertThat(out.malformed.get(1)).contains("header truncated");
        assertThat(out.events).isEmpty();
    }

    @Test
    void truncatedTpktAtCloseIsMalformed() {
        send(TO_SERVER, hex(CR), 1);
        byte[] job = dt("32 01 0000 0001 000E 0000 04 01 120A10020001000184000000", true);
        decoder.onData(TO_SERVER, job, 0, job.length - 3, 2);
        decoder.onClose(3);
        assertThat(out.malformed).singleElement().asString().contains("TPKT truncated");
        assertThat(out.events).isEmpty();
    }

    @Test
    void badTpktLengthAfterEstablishmentIsMalformed() {
        send(TO_SERVER, hex(CR), 1);
        send(TO_SERVER, hex("03 00 00 03 00 00 00"), 2);
        assertThat(out.malformed).singleElement().asString().contains("TPKT length 3");
        assertThat(out.notThis).isEmpty();
    }

    @Test
    void anIsoSessionAfterCotpIsHandedToMms() {
        send(TO_SERVER, hex(CR), 1);
        // ISO session CONNECT SPDU (0x0D), as MMS over ISO-on-TCP starts; its length (5) overruns the 4 bytes sent.
        send(TO_SERVER, dt("0D 05 06 01 02 03", true), 2);
        assertThat(out.notThis).isEmpty();
        assertThat(out.events).isEmpty();
        assertThat(out.malformedEvents).singleElement().satisfies(e -> {
            assertThat(e.protocol()).isEqualTo("mms");
            assertThat(e.errorMessage()).contains("ISO session SPDU 13 length does not fit");
        });
    }

    @Test
    void otherBytesOnPort102AreNotThisProtocol() {
        send(TO_SERVER, "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII), 1);
        assertThat(out.notThis).singleElement().asString().contains("TPKT version 71");
    }

    @Test
    void s7commPlusIsReportedWithItsOpcode() {
        send(TO_SERVER, hex(CR), 1);
        send(TO_SERVER, dt("72 01 0004 31 0000 04CA 72 01 0000", true), 2);
        OtEvent e = out.events.get(0);
        S7Detail d = (S7Detail) e.detail();
        assertThat(e.action()).isEqualTo("s7comm_plus");
        assertThat(d.functionCode()).isEqualTo(0x31);
        assertThat(d.plusVersion()).isEqualTo(1);
        // Version 3: a digest length (0x20) and 32-byte digest come before the opcode (0x33, notification).
        send(TO_CLIENT, dt("72 03 0030 20 " + "AB".repeat(32) + " 33 0000 0001 72 03 0000", true), 3);
        S7Detail v3 = (S7Detail) out.events.get(1).detail();
        assertThat(v3.plusVersion()).isEqualTo(3);
        assertThat(v3.functionCode()).isEqualTo(0x33);
        assertThat(v3.responseSeen()).isTrue();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
