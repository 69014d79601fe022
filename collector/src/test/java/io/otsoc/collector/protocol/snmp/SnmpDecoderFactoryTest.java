package io.otsoc.collector.protocol.snmp;

import io.otsoc.collector.protocol.DecoderRegistry;
import io.otsoc.collector.protocol.Direction;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.otsoc.collector.protocol.snmp.SnmpWire.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Ports, registration and strict content recognition. */
class SnmpDecoderFactoryTest {

    private final SnmpDecoderFactory factory = new SnmpDecoderFactory();

    private boolean recognizes(byte[] b) {
        return factory.recognizes(false, Direction.TO_SERVER, b, 0, b.length);
    }

    @Test
    void portsAndName() {
        assertThat(factory.protocol()).isEqualTo("snmp");
        assertThat(factory.udpPorts()).containsExactly(161, 162);
        assertThat(factory.tcpPorts()).isEmpty();
    }

    @Test
    void foundOnTheClassPath() {
        assertThat(DecoderRegistry.class).isNotNull();
        assertThat(java.util.ServiceLoader.load(io.otsoc.collector.protocol.ProtocolDecoderFactory.class).stream()
                .map(p -> p.type().getName())).contains(SnmpDecoderFactory.class.getName());
    }

    @Test
    void recognizesWholeMessagesOfEachVersion() {
        assertThat(recognizes(community(0, "public", pdu(0, 1, 0, 0, varbinds(varbind("1.3.6.1.2.1.1.1.0", nul())))))).isTrue();
        assertThat(recognizes(community(1, "x", pdu(2, 1, 0, 0, varbinds())))).isTrue();
        assertThat(recognizes(v3Encrypted(1, 7, usm(new byte[] {1}, 1, 1, "u"), new byte[] {1, 2}))).isTrue();
        byte[] inside = concat(new byte[] {9, 9}, community(1, "x", pdu(0, 1, 0, 0, varbinds())), new byte[] {9});
        assertThat(factory.recognizes(false, Direction.TO_CLIENT, inside, 2, inside.length - 3)).isTrue();
    }

    @Test
    void refusesAnythingElse() {
        byte[] ok = community(1, "public", pdu(0, 1, 0, 0, varbinds()));
        assertThat(factory.recognizes(true, Direction.TO_SERVER, ok, 0, ok.length)).isFalse();
        assertThat(recognizes(Arrays.copyOf(ok, ok.length - 1))).isFalse();
        assertThat(recognizes(concat(ok, new byte[] {0}))).isFalse();
        assertThat(recognizes(community(2, "public", pdu(0, 1, 0, 0, varbinds())))).isFalse();
        assertThat(recognizes(seq(integer(1), octets("public"), tlv(0xA9, integer(1), integer(0), integer(0), varbinds())))).isFalse();
        assertThat(recognizes(seq(integer(1)))).isFalse();
        assertThat(recognizes("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(recognizes(new byte[] {0x30})).isFalse();
        assertThat(recognizes(new byte[0])).isFalse();
        // a DNS query
        assertThat(recognizes(new byte[] {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'w', 'w', 'w', 0, 0, 1, 0, 1})).isFalse();
    }
}
