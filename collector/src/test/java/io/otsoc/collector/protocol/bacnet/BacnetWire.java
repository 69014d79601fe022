package io.otsoc.collector.protocol.bacnet;

import java.io.ByteArrayOutputStream;

/** Builds BACnet/IP datagrams from hex strings of NPDU+APDU bytes, with a correct BVLC header. */
final class BacnetWire {

    private BacnetWire() {
    }

    static byte[] hex(String hex) {
        String h = hex.replaceAll("\\s+", "");
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** BVLC function {@code function} around {@code body} (hex), length set to the whole datagram. */
    static byte[] bvlc(int function, String body) {
        byte[] b = hex(body);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int len = b.length + 4;
        out.write(0x81);
        out.write(function);
        out.write(len >>> 8);
        out.write(len & 0xFF);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** An Original-Unicast-NPDU with a plain NPDU (version 1, no routing) around the APDU {@code apdu} (hex). */
    static byte[] unicast(String apdu) {
        return bvlc(0x0A, "0100" + apdu);
    }

    static byte[] broadcast(String apdu) {
        return bvlc(0x0B, "0100" + apdu);
    }
}
