package io.otsoc.collector.protocol.iec104;

import io.otsoc.collector.protocol.Direction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.otsoc.collector.protocol.iec104.Iec104Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;

/** Registration on port 2404 and strict content recognition on other ports. */
class Iec104DecoderFactoryTest {

    private final Iec104DecoderFactory factory = new Iec104DecoderFactory();

    @Test
    void registeredOnTcp2404() {
        assertThat(factory.protocol()).isEqualTo("iec104");
        assertThat(factory.tcpPorts()).containsExactly(2404);
        assertThat(factory.udpPorts()).isEmpty();
        assertThat(java.util.ServiceLoader.load(io.otsoc.collector.protocol.ProtocolDecoderFactory.class).stream()
                .map(java.util.ServiceLoader.Provider::get).filter(f -> f.protocol().equals("iec104")).toList())
                .singleElement().isInstanceOf(Iec104DecoderFactory.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "startdt act, 680407000000, true",
            "testfr con, 680483000000, true",
            "s frame, 680401000200, true",
            "interrogation, 680e0000000064010600010000000014, true",
            "two apdus, 680401000200680e0000000064010600010000000014, true",
            "complete then cut after length, 68040100020068 0e 0000, true",
            "cut first apdu, 680e00000000640106, false",
            "no start octet, 690407000000, false",
            "length 3, 680307000000, false",
            "length 254, 68fe07000000, false",
            "u with two functions, 680447000000, false",
            "u with nonzero octets, 680407000100, false",
            "u of length 5, 68050700000000, false",
            "s with bit in octet 2, 680401010200, false",
            "i without asdu, 680400000000, false",
            "i with length mismatch, 680f000000006401060001000000001400, false",
            "unknown type, 680e0000000080010600010000000014, false",
            "undefined cause, 680e0000000064010e00010000000014, false",
            "http, 474554202f20485454502f312e310d0a, false",
            "valid then junk, 680407000000ff, false",
    })
    void recognizesOnlyWholeValidApdus(String name, String bytes, boolean expected) {
        byte[] b = hex(bytes);
        assertThat(factory.recognizes(true, Direction.TO_SERVER, b, 0, b.length)).as(name).isEqualTo(expected);
    }

    @Test
    void neverOverUdpAndStaysInsideTheSlice() {
        byte[] b = hex("ff680407000000ff");
        assertThat(factory.recognizes(false, Direction.TO_SERVER, b, 1, 6)).isFalse();
        assertThat(factory.recognizes(true, Direction.TO_SERVER, b, 1, 6)).isTrue();
        assertThat(factory.recognizes(true, Direction.TO_SERVER, b, 1, 7)).isFalse();
        assertThat(factory.recognizes(true, Direction.TO_SERVER, b, 1, 5)).isFalse();
    }
}
