package io.otsoc.collector.protocol.bacnet;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.Direction;

import java.util.Arrays;
import java.util.List;

/**
 * Feeds arbitrary datagrams to the decoder in both directions and checks that nothing escapes, that every
 * detail it reports can be written and asked for asset facts, and that its state stays bounded. Under plain
 * {@code mvn test} the seeds in {@code BacnetDecoderFuzzTestInputs/decodeAnything} (hand-built sessions) are
 * replayed; {@code JAZZER_FUZZ=1} fuzzes for real.
 *
 * <p>Input format, repeated: one control byte (bit 0: 0 to the server, 1 to the client; bits 1-7 advance the
 * clock), a two-byte big-endian datagram length, and that many bytes. The flow is closed at the end.
 */
class BacnetDecoderFuzzTest {

    private static final FlowRef FLOW = new FlowRef("1:x", "udp", null, null, "10.0.0.1", 47808, "10.0.0.2",
            47808, -1);

    private static final DetailWriter SINK = new DetailWriter() {
        @Override
        public void number(String field, long value) {
        }

        @Override
        public void decimal(String field, double value) {
        }

        @Override
        public void text(String field, String value) {
            if (value == null) {
                throw new AssertionError(field + " written as null");
            }
        }

        @Override
        public void flag(String field, boolean value) {
        }

        @Override
        public void numbers(String field, int[] values, int count) {
        }

        @Override
        public void texts(String field, List<String> values) {
            if (values.size() > BacnetDetail.MAX_WRITTEN_VALUES) {
                throw new AssertionError(field + " holds " + values.size() + " values");
            }
        }
    };

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        BacnetOutput out = new BacnetOutput();
        BacnetDecoder decoder = new BacnetDecoder(FLOW, out);
        long micros = 1_700_000_000_000_000L;
        int p = 0;
        while (p + 3 <= input.length && out.notThisProtocol.isEmpty()) {
            int control = input[p] & 0xFF;
            int declared = (input[p + 1] & 0xFF) << 8 | input[p + 2] & 0xFF;
            p += 3;
            int length = Math.min(declared, input.length - p);
            micros += control >>> 1;
            // a slice of a larger array: the decoder must stay inside offset..offset+length
            byte[] chunk = Arrays.copyOfRange(input, p - 1, Math.min(input.length, p + length + 1));
            decoder.onData((control & 1) == 0 ? Direction.TO_SERVER : Direction.TO_CLIENT, chunk, 1, length, micros);
            p += length;
            check(decoder, out);
        }
        decoder.onClose(micros);
        if (decoder.pendingCount() != 0) {
            throw new AssertionError("requests still pending after close: " + decoder.pendingCount());
        }
        check(decoder, out);
    }

    private static void check(BacnetDecoder decoder, BacnetOutput out) {
        if (decoder.pendingCount() > BacnetDecoder.MAX_PENDING) {
            throw new AssertionError("pending table grew to " + decoder.pendingCount());
        }
        for (OtEvent e : out.events) {
            e.detail().writeFields(SINK);
            e.detail().assetFacts();
        }
        for (BacnetOutput.Malformed m : out.malformed) {
            if (m.reason() == null || m.reason().isBlank()) {
                throw new AssertionError("malformed report without a reason");
            }
            if (m.partial() != null) {
                m.partial().writeFields(SINK);
                m.partial().assetFacts();
            }
        }
        out.events.clear();
        out.malformed.clear();
    }
}
