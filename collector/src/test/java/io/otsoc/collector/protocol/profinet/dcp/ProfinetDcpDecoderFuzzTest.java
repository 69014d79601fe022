package io.otsoc.collector.protocol.profinet.dcp;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.Arrays;

/**
 * Feeds arbitrary PROFINET frames (payload after the EtherType) to the decoder, checking that nothing escapes,
 * that every frame yields at most one event until the end of the session, and that the stream table stays bounded.
 * Under plain {@code mvn test} the seeds in {@code ProfinetDcpDecoderFuzzTestInputs/decodeAnything} are replayed;
 * {@code JAZZER_FUZZ=1} fuzzes for real.
 *
 * <p>Input format, repeated: one length byte, then that many payload bytes; the source MAC of each frame is taken
 * from its position so that streams multiply.
 */
class ProfinetDcpDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        DcpWire.Recording out = new DcpWire.Recording();
        ProfinetDcpDecoder decoder = new ProfinetDcpDecoder(out);
        int p = 0;
        long frames = 0;
        while (p < input.length) {
            int length = Math.min(input[p] & 0xFF, input.length - p - 1);
            byte[] chunk = Arrays.copyOfRange(input, p, p + 1 + length);
            int before = out.events.size();
            decoder.onFrame(new DcpWire.Frame(1_000 + p, p, DcpWire.DST, -1, 0x8892), chunk, 1, length);
            if (out.events.size() > before + 1) {
                throw new AssertionError("one frame gave " + (out.events.size() - before) + " events");
            }
            if (decoder.streamCount() > RtStreams.MAX_STREAMS) {
                throw new AssertionError("streams beyond the bound: " + decoder.streamCount());
            }
            p += 1 + length;
            frames++;
        }
        decoder.onClose(2_000_000);
        if (decoder.streamCount() != 0 || out.events.size() > frames) {
            throw new AssertionError("after close: " + decoder.streamCount() + " streams, " + out.events.size()
                    + " events for " + frames + " frames");
        }
    }
}
