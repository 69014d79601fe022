package io.otsoc.collector.protocol.iec104;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.testing.DecoderFuzzing;

/**
 * Arbitrary byte streams, cut arbitrarily, in both directions with gaps between them, against the IEC 104 decoder
 * (see {@link DecoderFuzzing} for the input format and what every decoder is checked for; here the clock advances
 * in seconds, so that timeouts are reached), with its buffered octets and pending activations bounded, its details'
 * object lists and fields in range, and malformed APDUs reported under their operation's action. The factory's
 * recognizer is asked about every delivery. Under plain {@code mvn test} the seeds in
 * {@code Iec104DecoderFuzzTestInputs/decodeAnything} are replayed; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class Iec104DecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        DecoderFuzzing.of(Iec104Decoder::new, Iec104Decoder.PROTOCOL).on(Iec104Wire.FLOW)
                .clockStep(1_000_000)
                .recognizer(new Iec104DecoderFactory())
                .pending(Iec104Decoder::pendingCount, Iec104Decoder.MAX_PENDING)
                .heldEachWay(Iec104Decoder::bufferedBytes, Apdu.MAX_APDU - 1)
                .details(Iec104Detail.class, Iec104DecoderFuzzTest::checkDetail)
                .namedMalformedOperations()
                .replay(input);
    }

    private static void checkDetail(Iec104Detail d) {
        if (d.objects().size() > Iec104Detail.MAX_OBJECTS) {
            throw new AssertionError("object list longer than " + Iec104Detail.MAX_OBJECTS + ": " + d);
        }
        if (d.apduLength() < Apdu.MIN_LENGTH || d.apduLength() > Apdu.MAX_LENGTH) {
            throw new AssertionError("APDU length out of range: " + d);
        }
        if (d.typeId() > 255 || d.commonAddress() > 0xFFFF || d.objectCount() > 127) {
            throw new AssertionError("field out of range: " + d);
        }
        for (InformationObject o : d.objects()) {
            if (o.address() < 0 || o.address() > 0xFFFFFF) {
                throw new AssertionError("object address out of range: " + d);
            }
        }
    }
}
