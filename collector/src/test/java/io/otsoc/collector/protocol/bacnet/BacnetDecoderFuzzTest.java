package io.otsoc.collector.protocol.bacnet;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.testing.DecoderFuzzing;

/**
 * Arbitrary datagrams in both directions against the BACnet/IP decoder (see {@link DecoderFuzzing} for the input
 * format, here with two-byte lengths, and what every decoder is checked for), with its pending confirmed requests
 * bounded and none left after close, and the value lists of its details bounded. Under plain {@code mvn test} the
 * seeds in {@code BacnetDecoderFuzzTestInputs/decodeAnything} (hand-built sessions: discovery, reads and writes with
 * their answers, segmented messages, BVLC and network-layer functions, file and device control, malformed and
 * foreign datagrams) are replayed; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class BacnetDecoderFuzzTest {

    private static final FlowRef FLOW = new FlowRef("1:x", "udp", null, null, "10.0.0.1", 47808, "10.0.0.2",
            47808, -1);

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        DecoderFuzzing.of(BacnetDecoder::new, BacnetDecoder.PROTOCOL)
                .on(FLOW).wideLengths()
                .recognizer(new BacnetDecoderFactory())
                .pending(BacnetDecoder::pendingCount, BacnetDecoder.MAX_PENDING)
                .maxTexts(BacnetDetail.MAX_WRITTEN_VALUES)
                .replay(input);
    }
}
