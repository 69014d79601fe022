package io.otsoc.collector.protocol.dnp3;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

/** DNP3 over TCP and UDP on the IANA-registered port 20000 (IEEE 1815-2012, annex on IP networking). */
public final class Dnp3DecoderFactory implements ProtocolDecoderFactory {

    public static final int PORT = 20000;

    @Override
    public String protocol() {
        return Dnp3Decoder.PROTOCOL;
    }

    @Override
    public int[] tcpPorts() {
        return new int[] {PORT};
    }

    @Override
    public int[] udpPorts() {
        return new int[] {PORT};
    }

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        return new Dnp3Decoder(flow, output);
    }
}
