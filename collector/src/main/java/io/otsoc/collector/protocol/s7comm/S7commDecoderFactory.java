package io.otsoc.collector.protocol.s7comm;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

/** S7comm over ISO-on-TCP (RFC 1006 TPKT + ISO 8073 COTP) on its registered port, 102. */
public final class S7commDecoderFactory implements ProtocolDecoderFactory {

    public static final int TCP_PORT = 102;

    @Override
    public String protocol() {
        return S7commDecoder.PROTOCOL;
    }

    @Override
    public int[] tcpPorts() {
        return new int[] {TCP_PORT};
    }

    @Override
    public int[] udpPorts() {
        return new int[0];
    }

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        return new S7commDecoder(flow, output);
    }
}
