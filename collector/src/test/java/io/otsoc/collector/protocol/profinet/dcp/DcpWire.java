package io.otsoc.collector.protocol.profinet.dcp;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.LinkDecoderOutput;
import io.otsoc.collector.protocol.LinkFrame;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Hand-built PROFINET real-time frames (payload after the EtherType) and a frame/output pair for tests. */
final class DcpWire {

    private DcpWire() {
    }

    static final long SRC = 0x00_1b_1b_02_9a_c3L;
    static final long DST = 0x01_0e_cf_00_00_00L;

    /** FrameID, DCP header and the blocks; {@code dataLength} -1 for the blocks' real length. */
    static byte[] dcp(int frameId, int service, int type, long xid, int delay, int dataLength, byte[]... blocks) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (byte[] b : blocks) {
            data.writeBytes(b);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        be16(out, frameId);
        out.write(service);
        out.write(type);
        be16(out, (int) (xid >>> 16));
        be16(out, (int) xid & 0xFFFF);
        be16(out, delay);
        be16(out, dataLength < 0 ? data.size() : dataLength);
        out.writeBytes(data.toByteArray());
        return out.toByteArray();
    }

    /** A block: option, suboption, length, the value, a pad byte when the length is odd. */
    static byte[] block(int option, int suboption, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(option);
        out.write(suboption);
        be16(out, value.length);
        out.writeBytes(value);
        if ((value.length & 1) != 0) {
            out.write(0);
        }
        return out.toByteArray();
    }

    /** Two leading bytes (BlockInfo or BlockQualifier) then the rest. */
    static byte[] with(int word, int... rest) {
        byte[] b = new byte[rest.length];
        for (int i = 0; i < rest.length; i++) {
            b[i] = (byte) rest[i];
        }
        return with(word, b);
    }

    static byte[] with(int word, byte[] rest) {
        byte[] v = new byte[2 + rest.length];
        v[0] = (byte) (word >>> 8);
        v[1] = (byte) word;
        System.arraycopy(rest, 0, v, 2, rest.length);
        return v;
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static void be16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8 & 0xFF);
        out.write(v & 0xFF);
    }

    record Frame(long timestampMicros, long srcMac, long dstMac, int vlanId, int etherType) implements LinkFrame {
        Frame(long ts) {
            this(ts, SRC, DST, -1, 0x8892);
        }

        @Override
        public boolean hasMacs() {
            return true;
        }

        @Override
        public String srcMacText() {
            return mac(srcMac);
        }

        @Override
        public String dstMacText() {
            return mac(dstMac);
        }

        static String mac(long m) {
            StringBuilder s = new StringBuilder();
            for (int i = 5; i >= 0; i--) {
                s.append(String.format("%02x", (m >>> (8 * i)) & 0xFF));
                if (i > 0) {
                    s.append(':');
                }
            }
            return s.toString();
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
