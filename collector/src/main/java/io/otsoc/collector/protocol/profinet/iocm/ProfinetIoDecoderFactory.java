package io.otsoc.collector.protocol.profinet.iocm;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

/**
 * PROFINET IO context management over connectionless DCE/RPC on UDP 34964 (the PNIO endpoint mapper port), and on
 * the ephemeral ports devices and controllers answer from, recognised by content: a whole connectionless DCE/RPC
 * PDU (version 4, a defined packet type, a valid data representation, a body length that fits the datagram) whose
 * interface UUID is one of the four PNIO interfaces.
 */
public final class ProfinetIoDecoderFactory implements ProtocolDecoderFactory {

    public static final int UDP_PORT = 34964;

    @Override
    public String protocol() {
        return ProfinetIoDecoder.PROTOCOL;
    }

    @Override
    public int[] tcpPorts() {
        return new int[0];
    }

    @Override
    public int[] udpPorts() {
        return new int[] {UDP_PORT};
    }

    @Override
    public boolean recognizes(boolean tcp, Direction direction, byte[] buf, int offset, int length) {
        if (tcp || buf == null || offset < 0 || length < 0 || offset + length > buf.length
                || RpcHeader.problem(buf, offset, length) != null) {
            return false;
        }
        boolean le = (buf[offset + 4] & 0x10) != 0;
        return PnioNames.interfaceName(RpcHeader.uuid(buf, offset + 24, le)) != null;
    }

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        return new ProfinetIoDecoder(flow, output);
    }
}
