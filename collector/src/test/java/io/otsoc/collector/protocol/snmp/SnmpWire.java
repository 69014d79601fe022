package io.otsoc.collector.protocol.snmp;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.testing.DetailFields;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-built BER for tests: elements, SNMP messages, a recording output and the fields a detail writes. */
final class SnmpWire {

    static final FlowRef FLOW = new FlowRef("1:snmp-test", "udp", "00:00:5e:00:53:01", "00:00:5e:00:53:02",
            "192.0.2.10", 40000, "192.0.2.20", 161, -1);

    private SnmpWire() {
    }

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        byte[] c = content.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        out.writeBytes(length(c.length));
        out.writeBytes(c);
        return out.toByteArray();
    }

    static byte[] length(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        if (n < 0x100) {
            return new byte[] {(byte) 0x81, (byte) n};
        }
        return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    }

    static byte[] seq(byte[]... parts) {
        return tlv(0x30, parts);
    }

    static byte[] integer(long v) {
        return tlv(0x02, twosComplement(v));
    }

    static byte[] twosComplement(long v) {
        int n = 1;
        while (n < 8 && !(v >> (8 * n - 1) == 0 || v >> (8 * n - 1) == -1)) {
            n++;
        }
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[n - 1 - i] = (byte) (v >> (8 * i));
        }
        return b;
    }

    static byte[] unsigned(int tag, long v) {
        byte[] b = twosComplement(v);
        if (v < 0 || (b[0] & 0x80) != 0) {
            byte[] c = new byte[9];
            for (int i = 0; i < 8; i++) {
                c[8 - i] = (byte) (v >>> (8 * i));
            }
            int skip = 0;
            while (skip < 8 && c[skip] == 0 && (c[skip + 1] & 0x80) == 0) {
                skip++;
            }
            b = java.util.Arrays.copyOfRange(c, skip, 9);
        }
        return tlv(tag, b);
    }

    static byte[] octets(String s) {
        return tlv(0x04, s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] octets(byte[] b) {
        return tlv(0x04, b);
    }

    static byte[] nul() {
        return new byte[] {0x05, 0x00};
    }

    static byte[] oid(String dotted) {
        return tlv(0x06, oidContent(dotted));
    }

    static byte[] oidContent(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long first = Long.parseLong(parts[0]) * 40 + Long.parseLong(parts[1]);
        base128(out, first);
        for (int i = 2; i < parts.length; i++) {
            base128(out, Long.parseLong(parts[i]));
        }
        return out.toByteArray();
    }

    private static void base128(ByteArrayOutputStream out, long v) {
        int groups = 1;
        while (groups < 10 && v >>> (7 * groups) != 0) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            out.write((int) ((v >>> (7 * g)) & 0x7F) | (g > 0 ? 0x80 : 0));
        }
    }

    static byte[] varbind(String oid, byte[] value) {
        return seq(oid(oid), value);
    }

    static byte[] varbinds(byte[]... vbs) {
        return seq(vbs);
    }

    /** A v1/v2c PDU with request id, error status and index. */
    static byte[] pdu(int number, long requestId, long errorStatus, long errorIndex, byte[] varbinds) {
        return tlv(0xA0 + number, integer(requestId), integer(errorStatus), integer(errorIndex), varbinds);
    }

    /** A v1 (version 0) or v2c (version 1) message. */
    static byte[] community(int version, String community, byte[] pdu) {
        return seq(integer(version), octets(community), pdu);
    }

    static byte[] usm(byte[] engineId, long boots, long time, String user) {
        return seq(octets(engineId), integer(boots), integer(time), octets(user), octets(""), octets(""));
    }

    /** A v3 message with a plain scoped PDU. */
    static byte[] v3(long msgId, int flags, byte[] usm, byte[] engineId, byte[] pdu) {
        return seq(integer(3), seq(integer(msgId), integer(65507), octets(new byte[] {(byte) flags}), integer(3)),
                octets(usm), seq(octets(engineId), octets(""), pdu));
    }

    /** A v3 message whose scoped PDU is encrypted. */
    static byte[] v3Encrypted(long msgId, int flags, byte[] usm, byte[] cipher) {
        return seq(integer(3), seq(integer(msgId), integer(65507), octets(new byte[] {(byte) flags}), integer(3)),
                octets(usm), octets(cipher));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The fields a detail writes, by name: numbers as Long, flags as Boolean, texts as String, lists as List. */
    static Map<String, Object> fields(ProtocolDetail detail) {
        return DetailFields.of(detail);
    }

    /** Keeps everything a decoder reports, in order. */
    static final class Recording implements DecoderOutput {
        final List<OtEvent> events = new ArrayList<>();
        final List<String> notThisProtocol = new ArrayList<>();

        @Override
        public void event(OtEvent event) {
            events.add(event);
        }

        @Override
        public void malformed(long timestampMicros, String reason, ProtocolDetail partial) {
            events.add(new OtEvent(timestampMicros, -1, FLOW, SnmpDecoder.PROTOCOL, "malformed_message",
                    io.otsoc.collector.model.EventCategory.OTHER, io.otsoc.collector.model.Outcome.FAILURE, reason,
                    partial == null ? w -> { } : partial, true));
        }

        @Override
        public void malformed(OtEvent event) {
            events.add(event);
        }

        @Override
        public void notThisProtocol(long timestampMicros, String reason) {
            notThisProtocol.add(reason);
        }

        OtEvent only() {
            if (events.size() != 1) {
                throw new AssertionError("expected one event, got " + events);
            }
            return events.get(0);
        }
    }
}
