package io.otsoc.collector.protocol.mms;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.DecoderOutput;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** MMS data units built by hand: pairing, names, errors, rejects, bounds and broken encodings. */
class MmsSessionTest {

    private static final FlowRef FLOW = new FlowRef("1:x", "tcp", null, null, "10.0.0.9", 40000, "10.0.0.5", 102, -1);

    private final List<OtEvent> events = new ArrayList<>();
    private final List<OtEvent> malformed = new ArrayList<>();
    private final MmsSession session = new MmsSession(FLOW, new DecoderOutput() {
        @Override
        public void event(OtEvent event) {
            events.add(event);
        }

        @Override
        public void malformed(long ts, String reason, ProtocolDetail partial) {
            throw new AssertionError("MMS reports malformed messages as mms events: " + reason);
        }

        @Override
        public void malformed(OtEvent event) {
            malformed.add(event);
        }

        @Override
        public void notThisProtocol(long ts, String reason) {
            throw new AssertionError(reason);
        }
    });

    static byte[] tlv(int tag, byte[]... content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] c : content) {
            body.writeBytes(c);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = body.size();
        if (n < 0x80) {
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static byte[] text(int tag, String s) {
        return tlv(tag, s.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] integer(long v) {
        return tlv(0x02, new byte[] {(byte) (v >> 16), (byte) (v >> 8), (byte) v});
    }

    /** GIVE TOKENS + DATA TRANSFER SPDUs, fully-encoded presentation data, context 3, around an MMS PDU. */
    static byte[] dataTransfer(byte[] mmsPdu) {
        byte[] ppdu = tlv(0x61, tlv(0x30, tlv(0x02, new byte[] {3}), tlv(0xA0, mmsPdu)));
        byte[] out = new byte[4 + ppdu.length];
        out[0] = 1;
        out[2] = 1;
        System.arraycopy(ppdu, 0, out, 4, ppdu.length);
        return out;
    }

    /** Read-Request of one domain-specific variable. */
    static byte[] readRequest(long invokeId, String domain, String item) {
        byte[] name = tlv(0xA0, tlv(0xA1, text(0x1A, domain), text(0x1A, item)));
        return tlv(0xA0, integer(invokeId), tlv(0xA4, tlv(0xA1, tlv(0xA0, tlv(0x30, name)))));
    }

    private void send(boolean toServer, byte[] unit, long ts) {
        session.onDataUnit(toServer, unit, 0, unit.length, ts);
    }

    @Test
    void aReadIsPairedWithItsResponseByInvokeId() {
        send(true, dataTransfer(readRequest(7, "LD0", "MMXU1$MX$TotW")), 1_000);
        send(true, dataTransfer(readRequest(8, "LD0", "LLN0$ST$Beh")), 1_010);
        send(false, dataTransfer(tlv(0xA1, integer(8), tlv(0xA4, tlv(0xA1)))), 1_500);
        send(false, dataTransfer(tlv(0xA1, integer(7), tlv(0xA4, tlv(0xA1)))), 2_000);
        assertThat(events).hasSize(2);
        OtEvent second = events.get(0);
        assertThat(second.action()).isEqualTo("read");
        assertThat(second.category()).isEqualTo(EventCategory.READ);
        assertThat(second.durationMicros()).isEqualTo(490);
        assertThat(((MmsDetail) second.detail()).variables()).containsExactly("LD0/LLN0$ST$Beh");
        MmsDetail first = (MmsDetail) events.get(1).detail();
        assertThat(first.invokeId()).isEqualTo(7);
        assertThat(first.variables()).containsExactly("LD0/MMXU1$MX$TotW");
        assertThat(malformed).isEmpty();
    }

    @Test
    void programInvocationStopIsControlAndAnErrorSaysItsClassAndCode() {
        // Stop is service [41]: above 30, so its tag takes the high-tag-number form 0xBF 0x29
        byte[] stopRequest = tlv(0xA0, integer(3), concat(new byte[] {(byte) 0xBF, 0x29},
                lengthAndContent(text(0x1A, "PLC_PROGRAM"))));
        send(true, dataTransfer(stopRequest), 10);
        // confirmed-ErrorPDU: invokeID [0], serviceError [2] { errorClass [0] { service [4] 3 } }
        send(false, dataTransfer(tlv(0xA2, tlv(0x80, new byte[] {3}), tlv(0xA2, tlv(0xA0, tlv(0x84, new byte[] {3}))))),
                20);
        OtEvent e = events.get(0);
        assertThat(e.action()).isEqualTo("stop");
        assertThat(e.category()).isEqualTo(EventCategory.CONTROL);
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorMessage()).isEqualTo("MMS service error class 4 code 3");
        assertThat(((MmsDetail) e.detail()).programInvocation()).isEqualTo("PLC_PROGRAM");
    }

    @Test
    void unansweredRequestsAreBoundedAndReportedAtClose() {
        for (int i = 0; i < MmsSession.MAX_PENDING + 10; i++) {
            send(true, dataTransfer(readRequest(i, "LD0", "X" + i)), i);
        }
        assertThat(events).as("the oldest are reported unanswered when the table is full").hasSize(10);
        session.onClose(1_000);
        assertThat(events).hasSize(MmsSession.MAX_PENDING + 10)
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN));
    }

    @Test
    void brokenEncodingsAreReportedWithTheirLayer() {
        // BER length beyond the data unit
        byte[] overrun = dataTransfer(readRequest(1, "LD0", "A"));
        overrun[5] = 0x7F;
        send(true, overrun, 1);
        // not fully-encoded presentation data
        send(true, new byte[] {1, 0, 1, 0, 0x30, 0x00}, 2);
        // an undefined MMS PDU type [20]
        send(true, dataTransfer(tlv(0xB4, integer(1))), 3);
        // DATA TRANSFER missing after GIVE TOKENS
        send(true, new byte[] {1, 0, 9, 0}, 4);
        assertThat(events).isEmpty();
        assertThat(malformed).extracting(OtEvent::errorMessage).satisfiesExactly(
                m -> assertThat(m).contains("presentation data").contains("BER length"),
                m -> assertThat(m).contains("without fully-encoded user data"),
                m -> assertThat(m).contains("MMS PDU type [20]"),
                m -> assertThat(m).contains("DATA TRANSFER SPDU missing"));
        assertThat(malformed).allSatisfy(e -> {
            assertThat(e.protocol()).isEqualTo("mms");
            assertThat(e.malformed()).isTrue();
        });
    }

    @Test
    void recognisesTheSessionSpdusThatCarryMms() {
        assertThat(MmsSession.isSessionSpdu(new byte[] {1, 0, 1, 0}, 0, 4)).isTrue();
        assertThat(MmsSession.isSessionSpdu(new byte[] {13, 2, 0, 0}, 0, 4)).isTrue();
        assertThat(MmsSession.isSessionSpdu(new byte[] {0x32, 1, 0, 0}, 0, 4)).as("S7comm").isFalse();
        assertThat(MmsSession.isSessionSpdu(new byte[] {1, 5, 1, 0}, 0, 4)).isFalse();
    }

    private static byte[] lengthAndContent(byte[] content) {
        byte[] out = new byte[content.length + 1];
        out[0] = (byte) content.length;
        System.arraycopy(content, 0, out, 1, content.length);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
