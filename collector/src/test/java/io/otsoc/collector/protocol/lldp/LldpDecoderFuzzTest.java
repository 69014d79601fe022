package io.otsoc.collector.protocol.lldp;

import io.otsoc.collector.testing.LinkDecoderFuzzing;
import io.otsoc.collector.testing.TestFrame;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Feeds arbitrary frames to the decoder and checks that nothing escapes, every report is well formed and the state
 * stays bounded. Under plain {@code mvn test} the seeds in {@code LldpDecoderFuzzTestInputs/decodeAnything}
 * (frames from the shared captures and hand-built ones) are replayed; {@code JAZZER_FUZZ=1} fuzzes for real.
 *
 * <p>Input format and the checks every link decoder owes: {@link LinkDecoderFuzzing}.
 */
class LldpDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        TestFrame.Events out = new TestFrame.Events();
        LinkDecoderFuzzing.replay(input, new LldpDecoder(out), out, "lldp", 0x88cc);
    }
}
