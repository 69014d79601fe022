package io.otsoc.collector.protocol.goose;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.LinkDecoderOutput;
import io.otsoc.collector.protocol.LinkFrame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hand-built GOOSE frames (payload after the EtherType), a frame and an output for tests. */
final class GooseWire {

    private GooseWire() {
    }

    static final String GOCB = "IED1/LLN0$GO$gcb01";

    /** A GOOSE frame of publisher {@link #GOCB} with two boolean entries. */
    static byte[] frame(long stNum, long sqNum, boolean test, int reserved1) {
        return frame(GOCB, stNum, sqNum, test, reserved1, 1, 2, 2);
    }

    static byte[] frame(String gocb, long stNum, long sqNum, boolean test, int reserved1, long confRev,
                        int numEntries, int entries) {
        ByteArrayOutputStream pdu = new ByteArrayOutputStream();
        tlv(pdu, 0x80, gocb.getBytes(StandardCharsets.US_ASCII));
        tlv(pdu, 0x81, integer(2000));
        tlv(pdu, 0x82, "IED1/LLN0$DS1".getBytes(StandardCharsets.US_ASCII));
        tlv(pdu, 0x83, "IED1_GOOSE".getBytes(StandardCharsets.US_ASCII));
        tlv(pdu, 0x84, new byte[] {0x38, 0x6e, (byte) 0xbb, (byte) 0xf3, 0x42, 0x17, 0x28, 0x0a});
        tlv(pdu, 0x85, integer(stNum));
        tlv(pdu, 0x86, integer(sqNum));
        tlv(pdu, 0x87, new byte[] {(byte) (test ? 1 : 0)});
        tlv(pdu, 0x88, integer(confRev));
        tlv(pdu, 0x89, new byte[] {0});
        tlv(pdu, 0x8A, integer(numEntries));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < entries; i++) {
            tlv(data, 0x83, new byte[] {(byte) (i & 1)});
        }
        tlv(pdu, 0xAB, data.toByteArray());
        ByteArrayOutputStream apdu = new ByteArrayOutputStream();
        tlv(apdu, 0x61, pdu.toByteArray());
        byte[] body = apdu.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        be16(out, 0x3001);
        be16(out, 8 + body.length);
        be16(out, reserved1);
        be16(out, 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] integer(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        for (int i = 3; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
        return out.toByteArray();
    }

    static void tlv(ByteArrayOutputStream out, int tag, byte[] value) {
        out.write(tag);
        if (value.length < 0x80) {
            out.write(value.length);
        } else if (value.length < 0x100) {
            out.write(0x81);
            out.write(value.length);
        } else {
            out.write(0x82);
            be16(out, value.length);
        }
        out.writeBytes(value);
    }

    static void be16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8 & 0xFF);
        out.write(v & 0xFF);
    }

    record Frame(long timestampMicros, long srcMac) implements LinkFrame {
        Frame(long ts) {
            this(ts, 0x0000230630feL);
        }

        @Override
        public boolean hasMacs() {
            return true;
        }

        @Override
        public long dstMac() {
            return 0x010ccd010000L;
        }

        @Override
        public String srcMacText() {
            return String.format("%012x", srcMac).replaceAll("(..)(?!$)", "$1:");
        }

        @Override
        public String dstMacText() {
            return "01:0c:cd:01:00:00";
        }

        @Override
        public int vlanId() {
            return 1;
        }

        @Override
        public int etherType() {
            return 0x88B8;
        }
    }

    static final class Recording implements LinkDecoderOutput {
        final List<OtEvent> events = new ArrayList<>();

        @Override
        public void event(OtEvent event) {
            events.add(event);
        }
    }
}
