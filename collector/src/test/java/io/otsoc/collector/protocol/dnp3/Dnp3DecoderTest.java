package io.otsoc.collector.protocol.dnp3;

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

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-built DNP3 frames (IEEE 1815-2012 layouts) through {@link Dnp3Decoder}. */
class Dnp3DecoderTest {

    static final FlowRef FLOW = new FlowRef("1:dnp3-test", "tcp", "00:00:5e:00:53:01", "00:00:5e:00:53:02",
            "192.0.2.10", 49152, "192.0.2.20", 20000, -1);
    static final int MASTER = 3;
    static final int OUTSTATION = 4;

    /** Records what the decoder reports. */
    static final class Recorder implements DecoderOutput {
        final List<OtEvent> events = new ArrayList<>();
        final List<String> malformed = new ArrayList<>();
        final List<OtEvent> malformedEvents = new ArrayList<>();
        final List<String> notThis = new ArrayList<>();

        @Override
        public void event(OtEvent event) {
            events.add(event);
        }

        @Override
        public void malformed(long timestampMicros, String reason, ProtocolDetail partial) {
            malformed.add(reason);
        }

        @Override
        public void malformed(OtEvent event) {
            malformedEvents.add(event);
            malformed.add(event.errorMessage());
        }

        @Override
        public void notThisProtocol(long timestampMicros, String reason) {
            notThis.add(reason);
        }
    }

    private final Recorder out = new Recorder();
    private final Dnp3Decoder decoder = new Dnp3Decoder(FLOW, out);

    @Test
    void crcIsCrc16Dnp() {
        // the CRC catalogue's check value of CRC-16/DNP over "123456789"
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Dnp3Crc.compute(check, 0, check.length)).isEqualTo(0xEA82);
    }

    @Test
    void readAndResponseSplitByteByBytePairBySequence() {
        // read class 1, 2, 3, 0 data (g60v2..v4, v1, qualifier 0x06), application sequence 5
        byte[] request = single(OUTSTATION, MASTER, 0xC0, hex("C5 01 3C02 06 3C03 06 3C04 06 3C01 06"));
        // response: FIR FIN seq 5, IIN 0x9000 (device restart, need time), g30v4 (16-bit analog without flag) 0..1
        byte[] response = single(MASTER, OUTSTATION, 0xC1, hex("C5 81 90 00 1E04 01 0000 0100 3412 7856"));
        feedByteByByte(Direction.TO_SERVER, request, 1_000);
        feedByteByByte(Direction.TO_CLIENT, response, 1_250);
        decoder.onClose(2_000);

        assertThat(out.malformed).isEmpty();
        assertThat(out.events).hasSize(1);
        OtEvent e = out.events.get(0);
        assertThat(e.action()).isEqualTo("read");
        assertThat(e.category()).isEqualTo(EventCategory.READ);
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(e.timestampMicros()).isEqualTo(1_000);
        assertThat(e.durationMicros()).isEqualTo(250);
        Dnp3Detail d = (Dnp3Detail) e.detail();
        assertThat(d.functionCode()).isEqualTo(1);
        assertThat(d.sourceAddress()).isEqualTo(MASTER);
        assertThat(d.destinationAddress()).isEqualTo(OUTSTATION);
        assertThat(d.applicationSequence()).isEqualTo(5);
        assertThat(d.iin()).isEqualTo(0x9000);
        assertThat(d.unsolicited()).isFalse();
        assertThat(d.objectGroups()).containsExactly(60, 60, 60, 60);
        assertThat(d.objectCount()).isEqualTo(4);
        assertThat(d.responseFunctionCode()).isEqualTo(129);
    }

    @Test
    void responseReassembledFromTwoTransportSegments() {
        feed(Direction.TO_SERVER, single(OUTSTATION, MASTER, 0xC0, hex("C1 01 1E04 06")), 10);
        // 150 g30v4 points (300 bytes of values): more than one link frame carries
        ByteArrayOutputStream app = new ByteArrayOutputStream();
        app.writeBytes(hex("C1 81 00 00 1E04 01 0000 9500"));
        app.writeBytes(new byte[300]);
        byte[] fragment = app.toByteArray();
        int first = 249;
        byte[] seg1 = new byte[1 + first];
        seg1[0] = 0x40 | 7; // FIR, transport sequence 7
        System.arraycopy(fragment, 0, seg1, 1, first);
        byte[] seg2 = new byte[1 + fragment.length - first];
        seg2[0] = (byte) (0x80 | 8); // FIN, sequence 8
        System.arraycopy(fragment, first, seg2, 1, fragment.length - first);
        feed(Direction.TO_CLIENT, concat(frame(MASTER, OUTSTATION, 0x44, seg1), frame(MASTER, OUTSTATION, 0x44, seg2)),
                20);
        assertThat(out.malformed).isEmpty();
        Dnp3Detail d = (Dnp3Detail) out.events.get(0).detail();
        assertThat(out.events).hasSize(1);
        assertThat(d.responseFunctionCode()).isEqualTo(129);
        assertThat(d.objectGroups()).containsExactly(30);
    }

    @Test
    void unsolicitedResponseIsReportedAlone() {
        feed(Direction.TO_CLIENT, single(MASTER, OUTSTATION, 0x44, hex("F2 82 10 00")), 5);
        OtEvent e = out.events.get(0);
        assertThat(out.events).hasSize(1);
        assertThat(e.action()).isEqualTo("unsolicited_response");
        Dnp3Detail d = (Dnp3Detail) e.detail();
        assertThat(d.unsolicited()).isTrue();
        assertThat(d.applicationSequence()).isEqualTo(2);
        assertThat(d.iin()).isEqualTo(0x1000);
        assertThat(d.objectCount()).isZero();
    }

    @Test
    void operateIsControlAndUnsupportedFunctionFails() {
        // operate g12v1 CROB index prefix 1 byte, count 1 (qualifier 0x17): index 0 + 11 bytes
        feed(Direction.TO_SERVER, single(OUTSTATION, MASTER, 0xC0,
                hex("C9 04 0C01 17 01 00 41 01 E8030000 00000000 00")), 1);
        feed(Direction.TO_CLIENT, single(MASTER, OUTSTATION, 0x44, hex("C9 81 00 01")), 2);
        OtEvent e = out.events.get(0);
        assertThat(e.action()).isEqualTo("operate");
        assertThat(e.category()).isEqualTo(EventCategory.CONTROL);
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorMessage()).contains("function code not supported");
        assertThat(((Dnp3Detail) e.detail()).objectGroups()).containsExactly(12);
    }

    @Test
    void badHeaderCrcAndBadBlockCrcAreMalformedAndDecodingGoesOn() {
        byte[] good = single(OUTSTATION, MASTER, 0xC0, hex("C1 01 3C01 06"));
        feed(Direction.TO_SERVER, good, 1);
        feed(Direction.TO_CLIENT, single(MASTER, OUTSTATION, 0x44, hex("C1 81 00 00")), 2);
        byte[] badHeader = single(OUTSTATION, MASTER, 0xC0, hex("C2 01 3C01 06"));
        badHeader[8] ^= 0x01;
        byte[] badBlock = single(OUTSTATION, MASTER, 0xC0, hex("C3 01 3C01 06"));
        badBlock[badBlock.length - 1] ^= 0x01;
        feed(Direction.TO_SERVER, concat(badHeader, badBlock, single(OUTSTATION, MASTER, 0xC0, hex("C4 0D"))), 3);
        feed(Direction.TO_CLIENT, single(MASTER, OUTSTATION, 0x44, hex("C4 81 80 00")), 4);

        assertThat(out.malformed).containsExactly(
                "DNP3 link header CRC mismatch; skipping to the next frame",
                "DNP3 link frame from 3 to 4: CRC mismatch in data block 1 of 1");
        assertThat(out.events).extracting(OtEvent::action).containsExactly("read", "cold_restart");
        assertThat(out.events.get(1).category()).isEqualTo(EventCategory.CONTROL);
        assertThat(((Dnp3Detail) out.events.get(1).detail()).iin()).isEqualTo(0x8000);
    }

    @Test
    void truncatedFrameAndUnansweredRequestAreReportedAtClose() {
        feed(Direction.TO_SERVER, single(OUTSTATION, MASTER, 0xC0, hex("C7 14 3C02 06")), 1);
        byte[] next = single(OUTSTATION, MASTER, 0xC0, hex("C8 01 3C01 06"));
        feed(Direction.TO_SERVER, next, 0, 12, 2);
        decoder.onClose(3);
        assertThat(out.malformed).containsExactly(
                "DNP3 link frame cut short by the end of the flow: 12 of " + next.length + " bytes");
        assertThat(out.events).hasSize(1);
        OtEvent e = out.events.get(0);
        assertThat(e.action()).isEqualTo("enable_unsolicited");
        assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(((Dnp3Detail) e.detail()).iin()).isEqualTo(Dnp3Detail.ABSENT);
    }

    @Test
    void reservedQualifierIsMalformedButNamesItsOperation() {
        feed(Direction.TO_SERVER, single(OUTSTATION, MASTER, 0xC0, hex("C1 19 4601 0D")), 1);
        feed(Direction.TO_CLIENT, single(MASTER, OUTSTATION, 0x44, hex("C1 81 00 00")), 2);
        assertThat(out.malformedEvents).hasSize(1);
        OtEvent e = out.malformedEvents.get(0);
        assertThat(e.action()).isEqualTo("open_file");
        assertThat(e.category()).isEqualTo(EventCategory.PROGRAM);
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorMessage()).isEqualTo("DNP3 open_file request: object header g70v1: qualifier 0xd has reserved range code 13");
    }

    @Test
    void otherBytesOnThePortAreNotDnp3() {
        byte[] http = "GET / HTTP/1.1\r\nHost: example\r\n\r\n".repeat(12).getBytes(StandardCharsets.US_ASCII);
        feed(Direction.TO_SERVER, http, 1);
        assertThat(out.notThis).hasSize(1);
        assertThat(out.events).isEmpty();
        assertThat(out.malformed).isEmpty();
    }

    // ------------------------------------------------------------------ wire helpers

    /** A link frame carrying a whole application fragment in one transport segment (FIR and FIN, sequence 0). */
    static byte[] single(int destination, int source, int control, byte[] app) {
        return frame(destination, source, control, concat(new byte[] {(byte) 0xC0}, app));
    }

    /** A link frame: header with its CRC, then the user data in 16-byte blocks each followed by its CRC. */
    static byte[] frame(int destination, int source, int control, byte[] userData) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        byte[] header = {0x05, 0x64, (byte) (5 + userData.length), (byte) control, (byte) destination,
            (byte) (destination >>> 8), (byte) source, (byte) (source >>> 8)};
        f.writeBytes(header);
        crc(f, header, 0, 8);
        for (int off = 0; off < userData.length; off += 16) {
            int n = Math.min(16, userData.length - off);
            f.write(userData, off, n);
            crc(f, userData, off, n);
        }
        return f.toByteArray();
    }

    private static void crc(ByteArrayOutputStream f, byte[] b, int off, int len) {
        int crc = Dnp3Crc.compute(b, off, len);
        f.write(crc & 0xFF);
        f.write(crc >>> 8);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private void feed(Direction direction, byte[] b, long ts) {
        feed(direction, b, 0, b.length, ts);
    }

    private void feed(Direction direction, byte[] b, int off, int len, long ts) {
        decoder.onData(direction, b, off, len, ts);
    }

    private void feedByteByByte(Direction direction, byte[] b, long ts) {
        for (int i = 0; i < b.length; i++) {
            decoder.onData(direction, b, i, 1, ts);
        }
    }
}
