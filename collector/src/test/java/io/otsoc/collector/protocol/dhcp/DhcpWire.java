package io.otsoc.collector.protocol.dhcp;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.DecoderOutput;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Hand-built DHCP messages and an output that keeps what a decoder reports. */
final class DhcpWire {

    static final FlowRef FLOW = new FlowRef("1:test", "udp", "00:11:32:17:49:f0", "00:aa:bb:cc:dd:ee",
            "10.16.1.4", 68, "10.16.1.1", 67, -1);

    private DhcpWire() {
    }

    /** A BOOTP header (op, xid, ciaddr, yiaddr; chaddr 00:11:32:17:49:f0), the cookie, and the option bytes. */
    static byte[] message(int op, long xid, int ciaddr, int yiaddr, byte[] options) {
        byte[] b = new byte[DhcpMessage.FIXED];
        b[0] = (byte) op;
        b[1] = 1;
        b[2] = 6;
        putInt(b, 4, (int) xid);
        b[10] = (byte) 0x80;
        putInt(b, 12, ciaddr);
        putInt(b, 16, yiaddr);
        byte[] mac = {0x00, 0x11, 0x32, 0x17, 0x49, (byte) 0xf0};
        System.arraycopy(mac, 0, b, 28, 6);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b);
        out.writeBytes(new byte[] {0x63, (byte) 0x82, 0x53, 0x63});
        out.writeBytes(options);
        return out.toByteArray();
    }

    static byte[] options(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    record Malformed(long ts, String reason, ProtocolDetail partial, OtEvent event) {
    }

    static final class Output implements DecoderOutput {
        final List<OtEvent> events = new ArrayList<>();
        final List<Malformed> malformed = new ArrayList<>();
        final List<String> notThisProtocol = new ArrayList<>();

        @Override
        public void event(OtEvent event) {
            events.add(event);
        }

        @Override
        public void malformed(long timestampMicros, String reason, ProtocolDetail partial) {
            malformed.add(new Malformed(timestampMicros, reason, partial, null));
        }

        @Override
        public void malformed(OtEvent event) {
            malformed.add(new Malformed(event.timestampMicros(), event.errorMessage(), event.detail(), event));
        }

        @Override
        public void notThisProtocol(long timestampMicros, String reason) {
            notThisProtocol.add(reason);
        }
    }
}
