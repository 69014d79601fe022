package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.Direction;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Hand-built Modbus/TCP bytes for tests: an ADU is written as its transaction id, unit id and the PDU in hex
 * (spaces allowed), and the MBAP header (protocol id 0, length = 1 + PDU length) is computed.
 */
final class ModbusWire {

    static final FlowRef FLOW = new FlowRef("1:LQU9qZlK+B5F3KDmev6m5PMibrg=", "tcp", "00:00:5e:00:53:01",
            "00:00:5e:00:53:02", "192.0.2.10", 49152, "192.0.2.20", 502, -1);

    private ModbusWire() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** An ADU: MBAP header for {@code transactionId} and {@code unitId}, then the PDU given in hex. */
    static byte[] adu(int transactionId, int unitId, String pduHex) {
        byte[] pdu = hex(pduHex);
        byte[] adu = new byte[7 + pdu.length];
        adu[0] = (byte) (transactionId >>> 8);
        adu[1] = (byte) transactionId;
        adu[4] = (byte) ((pdu.length + 1) >>> 8);
        adu[5] = (byte) (pdu.length + 1);
        adu[6] = (byte) unitId;
        System.arraycopy(pdu, 0, adu, 7, pdu.length);
        return adu;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A decoder on {@link #FLOW} with its recording output. */
    static final class Session {
        final RecordingOutput out = new RecordingOutput();
        final ModbusDecoder decoder;

        Session() {
            this(ModbusDecoder.DEFAULT_MAX_PENDING);
        }

        Session(int maxPending) {
            decoder = new ModbusDecoder(FLOW, out, maxPending);
        }

        Session request(long micros, byte[] bytes) {
            decoder.onData(Direction.TO_SERVER, bytes, 0, bytes.length, micros);
            return this;
        }

        Session response(long micros, byte[] bytes) {
            decoder.onData(Direction.TO_CLIENT, bytes, 0, bytes.length, micros);
            return this;
        }

        /** One request and its response, 250 microseconds apart. */
        Session exchange(int transactionId, int unitId, String requestPdu, String responsePdu) {
            request(1_000_000, adu(transactionId, unitId, requestPdu));
            return response(1_000_250, adu(transactionId, unitId, responsePdu));
        }

        Session close(long micros) {
            decoder.onClose(micros);
            return this;
        }
    }
}
