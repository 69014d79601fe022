package io.otsoc.collector.protocol.snmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.testing.DecoderFuzzing;

/**
 * Arbitrary datagrams in both directions against the SNMP decoder (see {@link DecoderFuzzing} for the input format,
 * here with two-byte lengths, and what every decoder is checked for), with its pending requests bounded, no flow
 * ever disowned, and recognition agreeing with decoding: a datagram the factory recognizes is never malformed. Under
 * plain {@code mvn test} the seeds in {@code SnmpDecoderFuzzTestInputs/decodeDatagrams} (datagrams of the shared
 * captures and hand-built bad ones) are replayed; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class SnmpDecoderFuzzTest {

    private static final int MAX_PENDING = 4;

    @FuzzTest(maxDuration = "30s")
    void decodeDatagrams(byte[] input) {
        DecoderFuzzing.of((flow, out) -> new SnmpDecoder(flow, out, MAX_PENDING), SnmpDecoder.PROTOCOL)
                .on(SnmpWire.FLOW).wideLengths()
                .strictRecognizer(new SnmpDecoderFactory())
                .pending(SnmpDecoder::pendingCount, MAX_PENDING)
                .neverDisowns()
                .replay(input);
    }
}
