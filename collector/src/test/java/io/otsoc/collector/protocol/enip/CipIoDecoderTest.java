package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.Direction;
import org.junit.jupiter.api.Test;

import static io.otsoc.collector.protocol.enip.EnipWire.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Class 0/1 I/O datagrams through {@link CipIoDecoder}: summaries per connection, bad datagrams. */
class CipIoDecoderTest {

    private final RecordingOutput out = new RecordingOutput();
    private final CipIoDecoder decoder = new CipIoDecoder(IO, out);

    private static byte[] io(long connection, long sequence, int dataLength) {
        return concat(u16(2), item(0x8002, concat(u32(connection), u32(sequence))), item(0xB1, new byte[dataLength]));
    }

    private void send(Direction d, byte[] b, long ts) {
        decoder.onData(d, b, 0, b.length, ts);
    }

    @Test
    void packetsAreSummedPerConnectionAndSender() {
        send(Direction.TO_SERVER, io(0x10, 100, 6), 1_000);
        send(Direction.TO_SERVER, io(0x10, 101, 6), 2_000);
        send(Direction.TO_SERVER, io(0x10, 104, 8), 3_000); // 102 and 103 missed
        send(Direction.TO_CLIENT, io(0x20, 5, 2), 2_500);
        assertThat(out.events).isEmpty();
        decoder.onClose(4_000);
        assertThat(out.events).hasSize(2);
        OtEvent first = out.events.get(0);
        assertThat(first.action()).isEqualTo("implicit_io");
        assertThat(first.protocol()).isEqualTo("cip");
        assertThat(first.timestampMicros()).isEqualTo(1_000);
        assertThat(first.durationMicros()).isEqualTo(2_000);
        assertThat(first.detail()).isEqualTo(new CipIoDetail(0x10, "client", 3, 20, 100, 104, 2, 6, 8));
        assertThat(out.events.get(1).detail()).isEqualTo(new CipIoDetail(0x20, "server", 1, 2, 5, 5, 0, 2, 2));
    }

    @Test
    void longConnectionsAreSummedUpPerInterval() {
        send(Direction.TO_SERVER, io(1, 1, 4), 0);
        send(Direction.TO_SERVER, io(1, 2, 4), CipIoDecoder.SUMMARY_INTERVAL_MICROS);
        assertThat(out.events).hasSize(1);
        decoder.onClose(CipIoDecoder.SUMMARY_INTERVAL_MICROS);
        assertThat(out.events).hasSize(2);
    }

    @Test
    void connectionsFollowedAreBounded() {
        for (int i = 0; i < CipIoDecoder.MAX_CONNECTIONS + 3; i++) {
            send(Direction.TO_SERVER, io(i, 1, 2), i);
        }
        assertThat(out.events).hasSize(3);
        decoder.onClose(1_000);
        assertThat(out.events).hasSize(CipIoDecoder.MAX_CONNECTIONS + 3);
    }

    @Test
    void firstDatagramThatIsNotIoDetaches() {
        byte[] junk = bytes(1, 2, 3);
        send(Direction.TO_SERVER, junk, 0);
        assertThat(out.notThisProtocol).containsExactly("CIP I/O datagram: item count 513 exceeds 64");
    }

    @Test
    void laterBadDatagramIsMalformed() {
        send(Direction.TO_SERVER, io(1, 1, 4), 0);
        byte[] bad = io(1, 2, 4);
        bad[4] = 9; // sequenced address item length
        send(Direction.TO_SERVER, bad, 1);
        assertThat(out.malformed).extracting(RecordingOutput.Malformed::reason)
                .containsExactly("CIP I/O datagram: sequenced address item length 9 is not 8");
    }
}
