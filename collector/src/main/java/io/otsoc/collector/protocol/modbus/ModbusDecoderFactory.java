package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

/** Modbus/TCP on its registered port, 502 (Modbus Messaging on TCP/IP Implementation Guide V1.0b, 4.1.1). */
public final class ModbusDecoderFactory implements ProtocolDecoderFactory {

    public static final int TCP_PORT = 502;

    @Override
    public String protocol() {
        return ModbusDecoder.PROTOCOL;
    }

    @Override
    public int[] tcpPorts() {
        return new int[] {TCP_PORT};
    }

    @Override
    public int[] udpPorts() {
        return new int[0];
    }

    /**
     * A segment that holds exactly one or two whole MBAP ADUs (protocol identifier 0, length 2-254 covering a unit
     * id and a public function code, possibly with the exception bit) is Modbus/TCP. Two conditions that random
     * bytes rarely meet together: the length must account for the segment to the byte.
     */
    @Override
    public boolean recognizes(boolean tcp, Direction direction, byte[] buf, int offset, int length) {
        if (!tcp) {
            return false;
        }
        int first = aduLength(buf, offset, length);
        if (first < 0) {
            return false;
        }
        if (first == length) {
            return true;
        }
        return aduLength(buf, offset + first, length - first) == length - first;
    }

    /** Length of the plausible ADU at {@code off}, or -1. */
    private static int aduLength(byte[] b, int off, int available) {
        if (available < 8 || b[off + 2] != 0 || b[off + 3] != 0) {
            return -1;
        }
        int pduLength = (b[off + 4] & 0xFF) << 8 | (b[off + 5] & 0xFF);
        if (pduLength < 2 || pduLength > 254 || 6 + pduLength > available) {
            return -1;
        }
        int function = b[off + 7] & 0x7F;
        return ModbusFunction.of(function, -1) == ModbusFunction.UNKNOWN_FUNCTION
                || ModbusFunction.isUserDefined(function) ? -1 : 6 + pduLength;
    }

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        return new ModbusDecoder(flow, output);
    }
}
