package io.otsoc.collector.protocol.goose;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.testing.LinkDecoderFuzzing;
import io.otsoc.collector.testing.TestFrame;

/**
 * Arbitrary GOOSE frames (payload after the EtherType) against the decoder (see {@link LinkDecoderFuzzing} for the
 * input format and what every link decoder is checked for), with at most one event a frame and its publishers
 * bounded, all reported by the end of the session. The frames all come from one publisher's MAC, so that a
 * publisher's successive frames (which differ in length as its counters grow) are followed as one. Under plain
 * {@code mvn test} the seeds in {@code GooseDecoderFuzzTestInputs/decodeAnything} are replayed; {@code JAZZER_FUZZ=1}
 * fuzzes for real.
 */
class GooseDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        TestFrame.Events out = new TestFrame.Events();
        GooseDecoder decoder = new GooseDecoder(out);
        LinkDecoderFuzzing.of(decoder, out, GooseDecoder.PROTOCOL, 0x88b8)
                .frames((micros, length) -> new GooseWire.Frame(micros))
                .oneEventPerFrame()
                .held(decoder::publisherCount, GooseDecoder.MAX_PUBLISHERS)
                .replay(input);
    }
}
