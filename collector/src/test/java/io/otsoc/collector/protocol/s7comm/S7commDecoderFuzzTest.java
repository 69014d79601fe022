package io.otsoc.collector.protocol.s7comm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.protocol.mms.MmsSession;
import io.otsoc.collector.testing.DecoderFuzzing;

/**
 * Arbitrary byte streams against the ISO-on-TCP decoder (S7comm, S7comm-plus and MMS) (see {@link DecoderFuzzing}
 * for the input format and what is checked), with its held bytes (partial TPKTs, segmented userdata) bounded
 * after every call. Under plain {@code mvn test} the seeds in {@code S7commDecoderFuzzTestInputs} (sessions from
 * the shared captures) are replayed; {@code JAZZER_FUZZ=1} fuzzes.
 */
class S7commDecoderFuzzTest {

    /** Two directions, each at most one partial TPKT (64 KiB) and the largest segmented userdata it keeps. */
    private static final int MAX_HELD = 2 * (65_536 + S7commDecoder.MAX_SEGMENTED);

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        DecoderFuzzing.of(S7commDecoder::new, S7commDecoder.PROTOCOL, MmsSession.PROTOCOL)
                .held(S7commDecoder::heldBytes, MAX_HELD)
                .replay(input);
    }
}
