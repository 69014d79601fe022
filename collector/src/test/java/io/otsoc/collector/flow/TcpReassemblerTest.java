package io.otsoc.collector.flow;

import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TcpReassemblerTest {

    private static final int SYN = 0x02;
    private static final int FIN = 0x01;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;

    /** Records what a decoder would receive: data as text, gaps as {@code <gap N>}, closes as {@code <close>}. */
    static final class RecordingDecoder implements ProtocolDecoder {
        final List<String> calls = new ArrayList<>();
        final StringBuilder toServer = new StringBuilder();
        final StringBuilder toClient = new StringBuilder();

        @Override
        public void onData(Direction direction, byte[] buf, int offset, int length, long timestampMicros) {
            String s = new String(buf, offset, length, StandardCharsets.ISO_8859_1);
            calls.add(direction + " " + s);
            (direction == Direction.TO_SERVER ? toServer : toClient).append(s);
        }

        @Override
        public void onGap(Direction direction, long missingBytes, long timestampMicros) {
            calls.add(direction + " <gap " + missingBytes + ">");
            (direction == Direction.TO_SERVER ? toServer : toClient).append("<gap ").append(missingBytes).append('>');
        }

        @Override
        public void onClose(long timestampMicros) {
            calls.add("<close>");
        }
    }

    private final TcpCounters counters = new TcpCounters();
    private final RecordingDecoder decoder = new RecordingDecoder();
    private TcpReassembler up = new TcpReassembler(Direction.TO_SERVER, 1000, 4, counters);
    private final TcpReassembler down = new TcpReassembler(Direction.TO_CLIENT, 1000, 4, counters);

    private void send(TcpReassembler r, int seq, int flags, String data) {
        // Deliver from an offset inside a larger buffer, as the dissector does.
        byte[] buf = ("##" + data + "##").getBytes(StandardCharsets.ISO_8859_1);
        r.onSegment(seq, flags, buf, 2, data.length(), 0, 1, decoder);
    }

    @Test
    void inOrderAfterSyn() {
        send(up, 1000, SYN, "");
        send(up, 1001, ACK, "abc");
        send(up, 1004, ACK, "def");
        assertThat(decoder.toServer).hasToString("abcdef");
        assertThat(decoder.calls).containsExactly("TO_SERVER abc", "TO_SERVER def");
        assertThat(counters.bytesDelivered()).isEqualTo(6);
    }

    @Test
    void retransmissionIsDropped() {
        send(up, 1000, SYN, "");
        send(up, 1001, ACK, "abc");
        send(up, 1001, ACK, "abc");
        send(up, 1004, ACK, "def");
        assertThat(decoder.toServer).hasToString("abcdef");
        assertThat(counters.retransmittedBytes()).isEqualTo(3);
    }

    @Test
    void partialOverlapDeliversOnlyNewBytesAndFirstCopyWins() {
        send(up, 1000, SYN, "");
        send(up, 1001, ACK, "abcd");
        send(up, 1003, ACK, "XXef"); // "XX" overlaps "cd": the first copy stays
        assertThat(decoder.toServer).hasToString("abcdef");
        assertThat(counters.retransmittedBytes()).isEqualTo(2);
    }

    @Test
    void outOfOrderSegmentsWaitForTheHole() {
        send(up, 1000, SYN, "");
        send(up, 1007, ACK, "ghi");
        send(up, 1004, ACK, "def");
        assertThat(decoder.calls).isEmpty();
        assertThat(up.bufferedSegments()).isEqualTo(2);
        send(up, 1001, ACK, "abc");
        assertThat(decoder.toServer).hasToString("abcdefghi");
        assertThat(up.bufferedSegments()).isZero();
        assertThat(up.bufferedBytes()).isZero();
        assertThat(counters.outOfOrderSegments()).isEqualTo(2);
        assertThat(counters.gaps()).isZero();
    }

    @Test
    void bufferedBytesWinOverALaterCopyThatCoversThem() {
        send(up, 1000, SYN, "");
        send(up, 1004, ACK, "DEF");          // arrives first, out of order
        send(up, 1001, ACK, "abcxyzghi");    // covers it with other bytes
        assertThat(decoder.toServer).hasToString("abcDEFghi");
        assertThat(counters.retransmittedBytes()).isEqualTo(3);
    }

    @Test
    void newBytesAroundBufferedOnesAreKept() {
        send(up, 1000, SYN, "");
        send(up, 1005, ACK, "EF");
        send(up, 1003, ACK, "cdxxgh");       // only "cd" and "gh" are new
        send(up, 1001, ACK, "ab");
        assertThat(decoder.toServer).hasToString("abcdEFgh");
    }

    @Test
    void holeBecomesAGapWhenTheSegmentBoundIsExceeded() {
        send(up, 1000, SYN, "");
        send(up, 1001, ACK, "a");
        // byte 1002 is never seen; five segments after it exceed the bound of four.
        send(up, 1003, ACK, "c");
        send(up, 1004, ACK, "d");
        send(up, 1005, ACK, "e");
        send(up, 1006, ACK, "f");
        assertThat(decoder.toServer).hasToString("a");
        send(up, 1007, ACK, "g");
        assertThat(decoder.toServer).hasToString("a<gap 1>cdefg");
        assertThat(counters.gaps()).isEqualTo(1);
        assertThat(counters.gapBytes()).isEqualTo(1);
        send(up, 1008, ACK, "h");
        assertThat(decoder.toServer).hasToString("a<gap 1>cdefgh");
    }

    @Test
    void holeBecomesAGapWhenTheByteBoundIsExceeded() {
        up = new TcpReassembler(Direction.TO_SERVER, 5, 64, counters);
        send(up, 1000, SYN, "");
        send(up, 1011, ACK, "xyz");
        assertThat(decoder.calls).isEmpty();
        send(up, 1014, ACK, "uvw"); // 6 bytes buffered > 5
        assertThat(decoder.calls).containsExactly("TO_SERVER <gap 10>", "TO_SERVER xyz", "TO_SERVER uvw");
        // The late bytes of the hole are old news now.
        send(up, 1001, ACK, "0123456789");
        assertThat(decoder.toServer).hasToString("<gap 10>xyzuvw");
    }

    @Test
    void midStreamPickupStartsAtTheFirstSequenceSeen() {
        send(up, 500_000, ACK, "middle");
        send(up, 500_006, ACK, "-end");
        send(up, 499_990, ACK, "before");    // older than the pickup point
        assertThat(decoder.toServer).hasToString("middle-end");
    }

    @Test
    void sequenceNumbersWrapAround() {
        send(up, 0xfffffffd, SYN, "");       // ISN + 1 = 0xfffffffe
        send(up, 0xfffffffe, ACK, "ab");     // ends exactly at 2^32
        send(up, 0x00000003, ACK, "fg");     // out of order, past the wrap
        send(up, 0x00000000, ACK, "cde");
        assertThat(decoder.toServer).hasToString("abcdefg");
        send(up, 0xffffffff, ACK, "b");      // retransmission from before the wrap
        assertThat(decoder.toServer).hasToString("abcdefg");
    }

    @Test
    void bothDirectionsInterleaved() {
        send(up, 100, SYN, "");
        send(down, 9000, SYN | ACK, "");
        send(up, 101, ACK, "req1");
        send(down, 9001, ACK, "resp1");
        send(up, 105, ACK, "req2");
        send(down, 9011, ACK, "resp3"); // ahead: waits for resp2
        send(down, 9006, ACK, "resp2");
        assertThat(decoder.calls).containsExactly("TO_SERVER req1", "TO_CLIENT resp1", "TO_SERVER req2",
                "TO_CLIENT resp2", "TO_CLIENT resp3");
    }

    @Test
    void finIsReachedInOrder() {
        send(up, 100, SYN, "");
        send(up, 104, FIN | ACK, "def"); // FIN after a hole
        assertThat(up.finished()).isFalse();
        send(up, 101, ACK, "abc");
        assertThat(up.finished()).isTrue();
        assertThat(decoder.toServer).hasToString("abcdef");
        send(up, 107, ACK, "late");
        assertThat(decoder.toServer).hasToString("abcdef");
    }

    @Test
    void rstFlushesWhatIsBufferedAndFinishes() {
        send(up, 100, SYN, "");
        send(up, 101, ACK, "ab");
        send(up, 106, ACK, "fg");
        send(up, 108, RST, "");
        assertThat(up.finished()).isTrue();
        assertThat(decoder.toServer).hasToString("ab<gap 3>fg");
    }

    @Test
    void flushAtCloseDeclaresTheRemainingHoles() {
        send(up, 100, SYN, "");
        send(up, 103, ACK, "cd");
        send(up, 110, ACK, "jk");
        up.flush(2, decoder);
        assertThat(decoder.toServer).hasToString("<gap 2>cd<gap 5>jk");
        assertThat(counters.gaps()).isEqualTo(2);
        assertThat(counters.gapBytes()).isEqualTo(7);
    }

    @Test
    void bytesCutBySnapLengthAreAGap() {
        send(up, 100, SYN, "");
        byte[] buf = "abcd".getBytes(StandardCharsets.ISO_8859_1);
        up.onSegment(101, ACK, buf, 0, 4, 6, 1, decoder);           // 10 on the wire, 4 captured
        up.onSegment(111, ACK, buf, 0, 2, 0, 1, decoder);
        assertThat(decoder.toServer).hasToString("abcd<gap 6>ab");
        // A cut segment that arrives out of order keeps its gap in place.
        up.onSegment(119, ACK, buf, 0, 1, 1, 1, decoder);           // bytes 119..120
        up.onSegment(113, ACK, "123456".getBytes(StandardCharsets.ISO_8859_1), 0, 6, 0, 1, decoder);
        assertThat(decoder.toServer).hasToString("abcd<gap 6>ab123456a<gap 1>");
    }

    @Test
    void synWithDataStartsAfterTheIsn() {
        send(up, 41, SYN, "tfo");
        send(up, 45, ACK, "!");
        assertThat(decoder.toServer).hasToString("tfo!");
    }
}
