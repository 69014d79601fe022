package io.otsoc.collector.protocol.lldp;

import io.otsoc.collector.testing.TestFrame;
import io.otsoc.collector.testing.CountingWriter;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;

/**
 * Feeds arbitrary frames to the decoder and checks that nothing escapes, every report is well formed and the state
 * stays bounded. Under plain {@code mvn test} the seeds in {@code LldpDecoderFuzzTestInputs/decodeAnything}
 * (frames from the shared captures and hand-built ones) are replayed; {@code JAZZER_FUZZ=1} fuzzes for real.
 *
 * <p>Input format, repeated: a two-byte big-endian length, then that many payload bytes, delivered as one frame
 * at offset 1 of an array that ends with it (so that reading past its end throws), the clock advancing by the
 * length.
 */
class LldpDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        TestFrame.Events out = new TestFrame.Events();
        var decoder = new LldpDecoder(out);
        long micros = 1_700_000_000_000_000L;
        int p = 0;
        while (p < input.length) {
            if (p + 2 > input.length) {
                break;
            }
            int length = Math.min((input[p] & 0xff) << 8 | input[p + 1] & 0xff, input.length - p - 2);
            p += 2;
            // one byte before the frame, none after: reading past its end throws
            byte[] slice = new byte[length + 1];
            System.arraycopy(input, p, slice, 1, length);
            micros += length;
            decoder.onFrame(new TestFrame(micros, (length & 1) == 0, 0x0011_2233_4455L + length, 0xffff_ffff_ffffL,
                    length % 3 == 0 ? 5 : -1, 0x88cc), slice, 1, length);
            p += length;
            check(out);
        }
        decoder.onClose(micros);
        check(out);
        bounded(decoder);
    }

    private static void check(TestFrame.Events out) {
        for (OtEvent e : out.all) {
            if (e.malformed() && (e.outcome() != Outcome.FAILURE || e.errorMessage() == null
                    || e.errorMessage().isBlank())) {
                throw new AssertionError("malformed report without failure and reason: " + e);
            }
            if (!e.protocol().equals("lldp") || e.action().isBlank()) {
                throw new AssertionError("bad event " + e);
            }
            e.detail().writeFields(new CountingWriter());
            e.detail().assetFacts();
        }
        out.all.clear();
    }

    private static void bounded(Object decoder) {
        // stateless: nothing kept between frames
    }
}
