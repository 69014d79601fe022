package io.otsoc.collector.protocol.dhcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.Direction;

import java.util.List;

/**
 * Feeds arbitrary datagrams to one flow's decoder and checks that nothing escapes, every report is well formed and
 * the pending transactions stay bounded. Under plain {@code mvn test} the seeds in
 * {@code DhcpDecoderFuzzTestInputs/decodeAnything} (the shared captures' messages and broken ones) are replayed;
 * {@code JAZZER_FUZZ=1} fuzzes for real.
 *
 * <p>Input format, repeated: a direction byte (bit 0: to the client), a two-byte big-endian length and that many
 * bytes, delivered as one datagram at offset 1 of an array that ends with it.
 */
class DhcpDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        DhcpWire.Output out = new DhcpWire.Output();
        DhcpDecoder decoder = new DhcpDecoder(DhcpWire.FLOW, out);
        long micros = 1_700_000_000_000_000L;
        int p = 0;
        while (p + 3 <= input.length) {
            Direction direction = (input[p] & 1) == 0 ? Direction.TO_SERVER : Direction.TO_CLIENT;
            int length = Math.min((input[p + 1] & 0xff) << 8 | input[p + 2] & 0xff, input.length - p - 3);
            p += 3;
            byte[] datagram = new byte[length + 1];
            System.arraycopy(input, p, datagram, 1, length);
            micros += 1 + (input[p - 3] & 0xfe);
            decoder.onData(direction, datagram, 1, length, micros);
            p += length;
            check(decoder, out);
        }
        decoder.onClose(micros);
        if (decoder.pendingCount() != 0) {
            throw new AssertionError("transactions pending after close");
        }
        if (!out.notThisProtocol.isEmpty()) {
            throw new AssertionError("DHCP on its port never refuses a flow: " + out.notThisProtocol);
        }
    }

    private static void check(DhcpDecoder decoder, DhcpWire.Output out) {
        if (decoder.pendingCount() > DhcpDecoder.MAX_PENDING) {
            throw new AssertionError("pending grew to " + decoder.pendingCount());
        }
        for (OtEvent e : out.events) {
            if (e.malformed() || e.durationMicros() < -1) {
                throw new AssertionError("bad event " + e);
            }
            write(e);
        }
        for (DhcpWire.Malformed m : out.malformed) {
            if (m.reason() == null || m.reason().isBlank()) {
                throw new AssertionError("malformed report without a reason");
            }
            OtEvent e = m.event();
            if (e != null && (e.outcome() != Outcome.FAILURE || !e.malformed()
                    || e.action().equals(DecoderBinding.MALFORMED_ACTION))) {
                throw new AssertionError("malformed operation without its action or failure: " + e);
            }
            if (m.partial() != null) {
                m.partial().writeFields(WRITER);
            }
        }
        out.events.clear();
        out.malformed.clear();
    }

    private static void write(OtEvent e) {
        e.detail().writeFields(WRITER);
        e.detail().assetFacts();
    }

    private static final DetailWriter WRITER = new DetailWriter() {
        @Override
        public void number(String field, long value) {
        }

        @Override
        public void decimal(String field, double value) {
        }

        @Override
        public void text(String field, String value) {
            if (value == null || value.length() > 255 * 3) {
                throw new AssertionError(field + " null or unbounded");
            }
        }

        @Override
        public void flag(String field, boolean value) {
        }

        @Override
        public void numbers(String field, int[] values, int count) {
            if (count > values.length || count > DhcpOptions.MAX_LIST * 4) {
                throw new AssertionError(field + " count " + count);
            }
        }

        @Override
        public void texts(String field, List<String> values) {
            if (values.size() > DhcpOptions.MAX_LIST) {
                throw new AssertionError(field + " unbounded: " + values.size());
            }
        }
    };
}
