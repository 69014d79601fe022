package io.otsoc.collector.protocol.iec104;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.Direction;

/** Hand-built APDUs and a decoder session for tests. */
final class Iec104Wire {

    static final FlowRef FLOW = new FlowRef("1:iec104-test", "tcp", "00:00:5e:00:53:01", "00:00:5e:00:53:02",
            "192.0.2.10", 49152, "192.0.2.20", 2404, -1);

    static final String STARTDT_ACT = "680407000000";
    static final String STARTDT_CON = "68040b000000";
    static final String TESTFR_ACT = "680443000000";
    static final String TESTFR_CON = "680483000000";
    static final String S_FRAME = "680401000200";

    private Iec104Wire() {
    }

    static byte[] hex(String hex) {
        String h = hex.replaceAll("\\s", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    /** An I-format APDU (send/receive sequence 0) around an ASDU given in hex. */
    static String i(String asdu) {
        String a = asdu.replaceAll("\\s", "");
        return String.format("68%02x00000000", 4 + a.length() / 2) + a;
    }

    /** A one-object ASDU: type, cause octet, common address 1, the object address and element octets. */
    static String asdu(int type, int cotOctet, int ioa, String element) {
        return String.format("%02x01%02x000100%02x%02x%02x", type, cotOctet, ioa & 0xFF, (ioa >> 8) & 0xFF,
                (ioa >> 16) & 0xFF) + element;
    }

    /** A decoder on {@link #FLOW} with its recording output. */
    static final class Session {
        final RecordingOutput out = new RecordingOutput();
        final Iec104Decoder decoder = new Iec104Decoder(FLOW, out);
        long micros = 1_700_000_000_000_000L;

        Session send(Direction d, String hex) {
            byte[] b = hex(hex);
            micros += 1000;
            decoder.onData(d, b, 0, b.length, micros);
            return this;
        }

        Session toServer(String hex) {
            return send(Direction.TO_SERVER, hex);
        }

        Session toClient(String hex) {
            return send(Direction.TO_CLIENT, hex);
        }

        Session close() {
            decoder.onClose(micros + 1);
            return this;
        }
    }
}
