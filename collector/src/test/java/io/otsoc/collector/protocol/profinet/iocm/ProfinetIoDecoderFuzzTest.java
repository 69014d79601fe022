package io.otsoc.collector.protocol.profinet.iocm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.testing.DecoderFuzzing;

/**
 * Arbitrary datagrams in both directions against the PROFINET IO context manager decoder (see
 * {@link DecoderFuzzing} for the input format, here with two-byte lengths, and what every decoder is checked for),
 * with its pending calls and the packets an event keeps bounded; the factory's content recognition is asked about
 * every datagram. Under plain {@code mvn test} the seeds in {@code ProfinetIoDecoderFuzzTestInputs/decodeAnything}
 * (datagrams of the shared captures and a hand-built non-DCE/RPC one) are replayed; {@code JAZZER_FUZZ=1} fuzzes for
 * real.
 */
class ProfinetIoDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        DecoderFuzzing.of(ProfinetIoDecoder::new, ProfinetIoDecoder.PROTOCOL).on(PnioWire.FLOW).wideLengths()
                .recognizer(new ProfinetIoDecoderFactory())
                .pending(ProfinetIoDecoder::pendingCount, ProfinetIoDecoder.MAX_PENDING)
                .details(ProfinetIoDetail.class, d -> {
                    if (d.packets().size() > ProfinetIoDecoder.MAX_PACKETS) {
                        throw new AssertionError("packets kept beyond the bound: " + d.packets().size());
                    }
                })
                .replay(input);
    }
}
