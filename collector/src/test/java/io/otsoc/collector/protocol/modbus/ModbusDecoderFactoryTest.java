package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.protocol.ProtocolDecoderFactory;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ModbusDecoderFactoryTest {

    @Test
    void registeredForServiceLoaderOnTcpPort502() {
        ProtocolDecoderFactory modbus = ServiceLoader.load(ProtocolDecoderFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.protocol().equals("modbus"))
                .findFirst().orElseThrow();
        assertThat(modbus).isInstanceOf(ModbusDecoderFactory.class);
        assertThat(modbus.tcpPorts()).containsExactly(502);
        assertThat(modbus.udpPorts()).isEmpty();
    }

    @Test
    void createsAnIndependentDecoderPerFlow() {
        ModbusDecoderFactory factory = new ModbusDecoderFactory();
        RecordingOutput first = new RecordingOutput();
        RecordingOutput second = new RecordingOutput();
        var a = factory.create(ModbusWire.FLOW, first);
        var b = factory.create(ModbusWire.FLOW, second);
        assertThat(a).isNotSameAs(b);
        byte[] request = ModbusWire.adu(1, 1, "03 0000 0001");
        a.onData(io.otsoc.collector.protocol.Direction.TO_SERVER, request, 0, request.length, 1);
        a.onClose(2);
        b.onClose(2);
        assertThat(first.events).hasSize(1);
        assertThat(second.all).isEmpty();
    }
}
