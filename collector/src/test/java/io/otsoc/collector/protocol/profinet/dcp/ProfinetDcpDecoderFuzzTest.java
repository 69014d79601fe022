package io.otsoc.collector.protocol.profinet.dcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.testing.LinkDecoderFuzzing;
import io.otsoc.collector.testing.TestFrame;

/**
 * Arbitrary PROFINET frames (payload after the EtherType) against the decoder (see {@link LinkDecoderFuzzing} for
 * the input format, whose frames' source MACs vary so that real-time streams multiply, and what every link decoder
 * is checked for), with at most one event a frame, the whole session included, and its stream table bounded, all
 * summarised by the end of the session. Under plain {@code mvn test} the seeds in
 * {@code ProfinetDcpDecoderFuzzTestInputs/decodeAnything} are replayed; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class ProfinetDcpDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        TestFrame.Events out = new TestFrame.Events();
        ProfinetDcpDecoder decoder = new ProfinetDcpDecoder(out);
        LinkDecoderFuzzing.of(decoder, out, ProfinetDcpDecoder.PROTOCOL, 0x8892)
                .oneEventPerFrame().noMoreEventsThanFrames()
                .held(decoder::streamCount, RtStreams.MAX_STREAMS)
                .replay(input);
    }
}
