package io.otsoc.collector.protocol.enip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.testing.DecoderFuzzing;

/**
 * Arbitrary byte streams, cut arbitrarily, in both directions with gaps between them, against the EtherNet/IP and
 * CIP I/O decoders (see {@link DecoderFuzzing} for the input format, here with two-byte lengths, and what every
 * decoder is checked for), with the EtherNet/IP decoder's pending requests and buffers bounded, CIP details' service
 * codes, attribute lists and tags in range, and malformed messages reported under their operation's action. Under
 * plain {@code mvn test} the seeds in {@code EnipDecoderFuzzTestInputs/<method>} (hand-built sessions) are replayed;
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class EnipDecoderFuzzTest {

    /** EtherNet/IP over TCP: framing across deliveries, resynchronisation, pairing. */
    @FuzzTest(maxDuration = "30s")
    void decodeTcp(byte[] input) {
        enip(EnipWire.TCP).replay(input);
    }

    /** EtherNet/IP over UDP (one message per datagram) and class 0/1 I/O datagrams, on the same input. */
    @FuzzTest(maxDuration = "30s")
    void decodeDatagrams(byte[] input) {
        enip(EnipWire.UDP).replay(input);
        checked(DecoderFuzzing.of(CipIoDecoder::new, EnipDecoder.PROTOCOL, EnipDecoder.CIP).on(EnipWire.IO))
                .replay(input);
    }

    private static DecoderFuzzing.Replay<EnipDecoder> enip(FlowRef flow) {
        return checked(DecoderFuzzing.of(EnipDecoder::new, EnipDecoder.PROTOCOL, EnipDecoder.CIP).on(flow))
                .pending(EnipDecoder::pendingCount, 3 * EnipDecoder.MAX_PENDING)
                .heldEachWay(EnipDecoder::bufferCapacity, EncapsulationHeader.SIZE + EncapsulationHeader.MAX_LENGTH);
    }

    /** What both decoders owe beyond what every decoder does. */
    private static <D extends ProtocolDecoder> DecoderFuzzing.Replay<D> checked(DecoderFuzzing.Replay<D> replay) {
        return replay.wideLengths().namedMalformedOperations().details(CipDetail.class, EnipDecoderFuzzTest::check);
    }

    private static void check(CipDetail d) {
        if (d.service() < 0 || d.service() > 0x7F) {
            throw new AssertionError("service out of range: " + d);
        }
        if (d.attributeIds() != null && d.attributeIds().length > CipMessages.MAX_ATTRIBUTES) {
            throw new AssertionError("attribute list too long");
        }
        if (d.path().tag() != null && d.path().tag().length() > CipPath.MAX_TAG + 64) {
            throw new AssertionError("tag too long: " + d.path().tag().length());
        }
    }
}
