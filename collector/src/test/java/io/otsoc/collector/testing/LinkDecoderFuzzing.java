package io.otsoc.collector.testing;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.LinkDecoder;

/**
 * Replays a fuzz input as frames to a link-layer decoder and checks what any of them owes the pipeline: nothing
 * thrown, bytes read only inside the frame, every event of the decoder's protocol with an action, every malformed
 * report a failure with a reason, details writable.
 *
 * <p>Input format, repeated: a two-byte big-endian length, then that many payload bytes, delivered as one frame at
 * offset 1 of an array that ends with it (so that reading past its end throws), the clock advancing by the length.
 * Frames vary in whether they have MACs, their source MAC and their VLAN.
 */
public final class LinkDecoderFuzzing {

    private LinkDecoderFuzzing() {
    }

    /** Replays {@code input} to {@code decoder}, which writes to {@code out}, as frames of {@code etherType}. */
    public static void replay(byte[] input, LinkDecoder decoder, TestFrame.Events out, String protocol,
                              int etherType) {
        long micros = 1_700_000_000_000_000L;
        int p = 0;
        while (p + 2 <= input.length) {
            int length = Math.min((input[p] & 0xff) << 8 | input[p + 1] & 0xff, input.length - p - 2);
            p += 2;
            // one byte before the frame, none after: reading past its end throws
            byte[] slice = new byte[length + 1];
            System.arraycopy(input, p, slice, 1, length);
            micros += length;
            decoder.onFrame(new TestFrame(micros, (length & 1) == 0, 0x0011_2233_4455L + length, 0xffff_ffff_ffffL,
                    length % 3 == 0 ? 5 : -1, etherType), slice, 1, length);
            p += length;
            check(out, protocol);
        }
        decoder.onClose(micros);
        check(out, protocol);
    }

    private static void check(TestFrame.Events out, String protocol) {
        for (OtEvent e : out.all) {
            if (e.malformed() && (e.outcome() != Outcome.FAILURE || e.errorMessage() == null
                    || e.errorMessage().isBlank())) {
                throw new AssertionError("malformed report without failure and reason: " + e);
            }
            if (!e.protocol().equals(protocol) || e.action().isBlank()) {
                throw new AssertionError("bad event " + e);
            }
            e.detail().writeFields(new CountingWriter());
            e.detail().assetFacts();
        }
        out.all.clear();
    }
}
