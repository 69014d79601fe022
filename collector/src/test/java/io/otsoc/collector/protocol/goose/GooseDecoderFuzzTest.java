package io.otsoc.collector.protocol.goose;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.Arrays;

/**
 * Feeds arbitrary GOOSE frames (payload after the EtherType) to the decoder, checking that nothing escapes, that a
 * frame yields at most one event, and that publishers stay bounded. Under plain {@code mvn test} the seeds in
 * {@code GooseDecoderFuzzTestInputs/decodeAnything} are replayed; {@code JAZZER_FUZZ=1} fuzzes for real.
 *
 * <p>Input format, repeated: one length byte, then that many payload bytes.
 */
class GooseDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        GooseWire.Recording out = new GooseWire.Recording();
        GooseDecoder decoder = new GooseDecoder(out);
        int p = 0;
        while (p < input.length) {
            int length = Math.min(input[p] & 0xFF, input.length - p - 1);
            byte[] chunk = Arrays.copyOfRange(input, p, p + 1 + length);
            int before = out.events.size();
            decoder.onFrame(new GooseWire.Frame(1_000 + p), chunk, 1, length);
            if (out.events.size() > before + 1) {
                throw new AssertionError("one frame gave " + (out.events.size() - before) + " events");
            }
            if (decoder.publisherCount() > GooseDecoder.MAX_PUBLISHERS) {
                throw new AssertionError("publishers beyond the bound: " + decoder.publisherCount());
            }
            p += 1 + length;
        }
        decoder.onClose(2_000_000);
        if (decoder.publisherCount() != 0) {
            throw new AssertionError("publishers kept after close: " + decoder.publisherCount());
        }
    }
}
