package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.protocol.Direction;
import org.junit.jupiter.api.Test;

import static io.otsoc.collector.protocol.enip.EnipWire.*;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link EnipDecoderFactory#recognizes} and {@link CipIoDecoderFactory#recognizes} on non-standard ports. */
class EnipRecognitionTest {

    private final EnipDecoderFactory enip = new EnipDecoderFactory();
    private final CipIoDecoderFactory io = new CipIoDecoderFactory();
    private static final byte[] GET = request(0x0E, classInstanceAttribute(1, 1, 7), new byte[0]);

    private boolean tcp(Direction d, byte[] b) {
        return enip.recognizes(true, d, b, 0, b.length);
    }

    @Test
    void wholeConformingMessagesAreRecognised() {
        assertThat(tcp(Direction.TO_SERVER, registerSession(0))).isTrue();
        assertThat(tcp(Direction.TO_CLIENT, registerSession(SESSION))).isTrue();
        assertThat(tcp(Direction.TO_SERVER, encapsulation(0x63, 0, 0, new byte[0]))).isTrue();
        assertThat(tcp(Direction.TO_SERVER, sendRrData(0, GET))).isTrue();
        assertThat(tcp(Direction.TO_SERVER, concat(sendRrData(0, GET), sendUnitData(1, 2, GET)))).isTrue();
        byte[] reply = listIdentityReply(1, 12, 58, 4, 3, 0x30, 1, "X", 3);
        assertThat(enip.recognizes(false, Direction.TO_CLIENT, reply, 0, reply.length)).isTrue();
    }

    @Test
    void anythingElseIsNot() {
        byte[] register = registerSession(0);
        assertThat(tcp(Direction.TO_SERVER, "GET / HTTP/1.1\r\nHost: example\r\n\r\n".getBytes())).isFalse();
        assertThat(tcp(Direction.TO_SERVER, new byte[24])).as("a NOP of zeros").isFalse();
        assertThat(tcp(Direction.TO_SERVER, encapsulation(0x6F, SESSION, 1, bytes(0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0))))
                .as("status on a request").isFalse();
        byte[] options = registerSession(0);
        options[20] = 1;
        assertThat(tcp(Direction.TO_SERVER, options)).as("options").isFalse();
        assertThat(enip.recognizes(true, Direction.TO_SERVER, register, 0, register.length - 1))
                .as("length beyond the segment").isFalse();
        assertThat(tcp(Direction.TO_SERVER, concat(register, bytes(1, 2, 3)))).as("bytes after").isFalse();
        assertThat(tcp(Direction.TO_SERVER, encapsulation(0x65, 0, 0, bytes(1, 0)))).as("RegisterSession of 2")
                .isFalse();
        byte[] badItems = sendRrData(0, GET);
        badItems[24 + 6] = 9; // item count
        assertThat(tcp(Direction.TO_SERVER, badItems)).as("item count").isFalse();
        assertThat(tcp(Direction.TO_SERVER, encapsulation(0x1234, 0, 0, new byte[0]))).isFalse();
        assertThat(enip.recognizes(true, Direction.TO_SERVER, register, 0, 10)).isFalse();
        assertThat(enip.recognizes(false, Direction.TO_SERVER, concat(register, register), 0, 56))
                .as("two messages in one datagram").isFalse();
    }

    @Test
    void ioDatagramsAreRecognisedOverUdpOnly() {
        byte[] datagram = concat(u16(2), item(0x8002, concat(u32(0x4b0603), u32(7))), item(0xB1, bytes(1, 0, 9, 9)));
        assertThat(io.recognizes(false, Direction.TO_SERVER, datagram, 0, datagram.length)).isTrue();
        assertThat(io.recognizes(true, Direction.TO_SERVER, datagram, 0, datagram.length)).isFalse();
        assertThat(io.recognizes(false, Direction.TO_SERVER, datagram, 0, datagram.length - 1)).isFalse();
        byte[] unconnected = concat(u16(2), item(0, new byte[0]), item(0xB2, GET));
        assertThat(io.recognizes(false, Direction.TO_SERVER, unconnected, 0, unconnected.length)).isFalse();
    }
}
