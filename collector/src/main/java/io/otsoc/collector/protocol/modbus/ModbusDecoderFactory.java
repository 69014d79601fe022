package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
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

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        return new ModbusDecoder(flow, output);
    }
}
