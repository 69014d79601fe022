package io.otsoc.collector.protocol.arp;

import io.otsoc.collector.testing.LinkDecoderFuzzing;
import io.otsoc.collector.testing.TestFrame;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Feeds arbitrary frames to the decoder and checks that nothing escapes, every report is well formed and the state
 * stays bounded. Under plain {@code mvn test} the seeds in {@code ArpDecoderFuzzTestInputs/decodeAnything}
 * (frames from the shared captures and hand-built ones) are replayed; {@code JAZZER_FUZZ=1} fuzzes for real.
 *
 * <p>Input format and the checks every link decoder owes: {@link LinkDecoderFuzzing}.
 */
class ArpDecoderFuzzTest {

    static final int CAPACITY = 8;

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        TestFrame.Events out = new TestFrame.Events();
        ArpDecoder decoder = new ArpDecoder(out, CAPACITY);
        LinkDecoderFuzzing.replay(input, decoder, out, "arp", 0x0806);
        if (decoder.bindingCount() > CAPACITY || decoder.askedCount() > ArpDecoder.MAX_ASKED) {
            throw new AssertionError("ARP state grew beyond its bounds");
        }
    }
}
