package io.otsoc.collector.protocol.opcua;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.testing.DecoderFuzzing;

/**
 * Arbitrary byte streams, cut arbitrarily, in both directions with gaps between them, against the OPC UA decoder
 * (see {@link DecoderFuzzing} for the input format, here with two-byte lengths, and what every decoder is checked
 * for), with its pending requests and buffered bytes bounded, its texts and endpoint lists no longer than it reads,
 * and malformed messages reported under their service's action. Under plain {@code mvn test} the seeds in
 * {@code OpcuaDecoderFuzzTestInputs/decodeAnything} (real sessions cut from the shared captures and hand-made edge
 * cases) are replayed; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class OpcuaDecoderFuzzTest {

    private static final int MAX_PENDING = 4;

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        DecoderFuzzing.of((flow, out) -> new OpcuaDecoder(flow, out, MAX_PENDING), OpcuaDecoder.PROTOCOL)
                .on(OpcuaWire.FLOW).wideLengths()
                .pending(OpcuaDecoder::pendingCount, MAX_PENDING)
                .held(OpcuaDecoder::bufferedBytes, 2 * (ChunkFramer.MAX_CHUNK + OpcuaDecoder.MAX_MESSAGE))
                .maxText(UaReader.MAX_TEXT)
                .details(OpcuaDetail.class, OpcuaDecoderFuzzTest::checkEndpoints)
                .namedMalformedOperations()
                .replay(input);
    }

    private static void checkEndpoints(OpcuaDetail d) {
        for (UaMessage m : new UaMessage[] {d.request(), d.response()}) {
            if (m != null && m.endpointUrls != null && m.endpointUrls.size() > UaMessage.MAX_ENDPOINTS) {
                throw new AssertionError("endpoint list unbounded: " + m.endpointUrls.size());
            }
        }
    }
}
