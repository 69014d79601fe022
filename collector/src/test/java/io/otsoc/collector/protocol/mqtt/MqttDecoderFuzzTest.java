package io.otsoc.collector.protocol.mqtt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.testing.DecoderFuzzing;

/**
 * Arbitrary byte streams, cut arbitrarily, in both directions with gaps between them, against the MQTT decoder (see
 * {@link DecoderFuzzing} for the input format, here with two-byte lengths, and what every decoder is checked for),
 * with its pending exchanges and held bytes bounded, its topic and reason-code lists no longer than it keeps, and
 * malformed packets reported, marked malformed, under their operation's action. Under plain {@code mvn test} the
 * seeds in {@code MqttDecoderFuzzTestInputs/decodeAnything} (hand-built sessions of each version, malformed packets,
 * oversized lengths) are replayed; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class MqttDecoderFuzzTest {

    private static final int MAX_PENDING = 2 * MqttDecoder.MAX_PENDING + MqttDecoder.MAX_PINGS + 1;

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        DecoderFuzzing.of(MqttDecoder::new, MqttDecoder.PROTOCOL).on(MqttWire.FLOW).wideLengths()
                .pending(MqttDecoder::pendingCount, MAX_PENDING)
                .heldEachWay(MqttDecoder::heldBytes, MqttFramer.MAX_KEPT + MqttFramer.HELD)
                .details(MqttDetail.class, MqttDecoderFuzzTest::checkLists)
                .namedMalformedOperations().markedMalformedOperations()
                .replay(input);
    }

    private static void checkLists(MqttDetail d) {
        if (d.topics() != null && d.topics().size() > MqttPacketParser.MAX_TOPICS
                || d.grantedQos() != null && d.grantedQos().length > MqttPacketParser.MAX_TOPICS
                || d.reasonCodes() != null && d.reasonCodes().length > MqttPacketParser.MAX_TOPICS) {
            throw new AssertionError("unbounded list in " + d);
        }
    }
}
