package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

/**
 * CIP class 0/1 implicit messaging on UDP port 2222 (CIP Vol. 2, 3-2.2). Registered as {@code cip}: the I/O
 * summaries and the explicit CIP messages {@link EnipDecoder} finds inside EtherNet/IP share that protocol name
 * and its {@code otsoc.cip.*} fields. TCP 2222 is registered by IANA for EtherNet/IP but carries no I/O (the
 * specification sends class 0/1 data over UDP only), so only UDP is claimed.
 */
public final class CipIoDecoderFactory implements ProtocolDecoderFactory {

    public static final int PORT = 2222;

    @Override
    public String protocol() {
        return EnipDecoder.CIP;
    }

    @Override
    public int[] tcpPorts() {
        return new int[0];
    }

    @Override
    public int[] udpPorts() {
        return new int[] {PORT};
    }

    /** Over UDP only: exactly a sequenced address item (8 bytes) and a connected data item filling the datagram. */
    @Override
    public boolean recognizes(boolean tcp, Direction direction, byte[] buf, int offset, int length) {
        if (tcp || buf == null || offset < 0 || length < 14 || offset + length > buf.length) {
            return false;
        }
        CommonPacketFormat cpf = new CommonPacketFormat();
        return CipIoDecoder.problem(cpf, buf, offset, length) == null && cpf.count == 2;
    }

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        return new CipIoDecoder(flow, output);
    }
}
