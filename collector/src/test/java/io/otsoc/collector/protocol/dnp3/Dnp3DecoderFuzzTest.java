package io.otsoc.collector.protocol.dnp3;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.testing.DecoderFuzzing;

/**
 * Arbitrary byte streams and datagrams against the DNP3 decoder (see {@link DecoderFuzzing} for the input format
 * and what is checked). Its buffers are fixed arrays (one link frame, one {@value Dnp3Decoder#MAX_FRAGMENT}-byte
 * fragment per direction), so an overflow shows as an exception. Under plain {@code mvn test} the seeds in
 * {@code Dnp3DecoderFuzzTestInputs} (sessions from the shared captures) are replayed; {@code JAZZER_FUZZ=1} fuzzes.
 */
class Dnp3DecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeTcpStream(byte[] input) {
        DecoderFuzzing.of(Dnp3Decoder::new, Dnp3Decoder.PROTOCOL).replay(input);
    }

    @FuzzTest(maxDuration = "30s")
    void decodeUdpDatagrams(byte[] input) {
        DecoderFuzzing.of(Dnp3Decoder::new, Dnp3Decoder.PROTOCOL).on(DecoderFuzzing.UDP_FLOW).wideLengths()
                .replay(input);
    }
}
