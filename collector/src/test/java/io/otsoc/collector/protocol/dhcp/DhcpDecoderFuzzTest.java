package io.otsoc.collector.protocol.dhcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.testing.DecoderFuzzing;

/**
 * Arbitrary datagrams in both directions against one flow's DHCP decoder (see {@link DecoderFuzzing} for the input
 * format, here with two-byte lengths, and what every decoder is checked for), with its pending transactions
 * bounded, no flow ever disowned, its texts and lists no longer than the options they come from, and malformed
 * messages reported, marked malformed, under their message type's action. Under plain {@code mvn test} the seeds in
 * {@code DhcpDecoderFuzzTestInputs/decodeAnything} (the shared captures' messages and broken ones) are replayed;
 * {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class DhcpDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        DecoderFuzzing.of(DhcpDecoder::new, DhcpDecoder.PROTOCOL).on(DhcpWire.FLOW).wideLengths()
                .pending(DhcpDecoder::pendingCount, DhcpDecoder.MAX_PENDING)
                .neverDisowns()
                // an option holds at most 255 bytes, binary ones shown as colon-separated hex (three characters a byte)
                .maxText(255 * 3)
                .maxTexts(DhcpOptions.MAX_LIST)
                .maxNumbers(DhcpOptions.MAX_LIST * 4)
                .namedMalformedOperations().markedMalformedOperations()
                .replay(input);
    }
}
