package io.otsoc.collector.protocol.mqtt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.Direction;

import java.util.Arrays;

/**
 * Feeds arbitrary byte streams, cut arbitrarily, to the decoder in both directions with gaps between them, and checks
 * that nothing escapes, that its state stays bounded and that every report is well-formed. Under plain
 * {@code mvn test} the seeds in {@code MqttDecoderFuzzTestInputs/decodeAnything} (hand-built sessions of each
 * version, malformed packets, oversized lengths) are replayed; {@code JAZZER_FUZZ=1} fuzzes for real.
 *
 * <p>Input format, repeated: one control byte, then for data a two-byte (big-endian) length and that many bytes.
 * Control bits 0-1: 0 data to the server, 1 data to the client, 2 gap to the server, 3 gap to the client; bits 2-7
 * advance the clock. The flow is closed at the end of the input.
 */
class MqttDecoderFuzzTest {

    private static final int MAX_PENDING = 2 * MqttDecoder.MAX_PENDING + MqttDecoder.MAX_PINGS + 1;

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        MqttWire.Recording out = new MqttWire.Recording();
        MqttDecoder decoder = new MqttDecoder(MqttWire.FLOW, out);
        long micros = 1_700_000_000_000_000L;
        int p = 0;
        while (p < input.length) {
            int control = input[p++] & 0xFF;
            micros += control >>> 2;
            switch (control & 3) {
                case 0, 1 -> {
                    if (p + 2 > input.length) {
                        p = input.length;
                        break;
                    }
                    int declared = (input[p] & 0xFF) << 8 | input[p + 1] & 0xFF;
                    p += 2;
                    int length = Math.min(declared, input.length - p);
                    Direction direction = (control & 3) == 0 ? Direction.TO_SERVER : Direction.TO_CLIENT;
                    // a slice of a larger array: the decoder must stay inside offset..offset+length
                    byte[] chunk = Arrays.copyOfRange(input, p - 1, Math.min(input.length, p + length + 1));
                    decoder.onData(direction, chunk, 1, length, micros);
                    p += length;
                }
                case 2 -> decoder.onGap(Direction.TO_SERVER, control >>> 2, micros);
                default -> decoder.onGap(Direction.TO_CLIENT, control >>> 2, micros);
            }
            check(decoder, out);
        }
        decoder.onClose(micros);
        if (decoder.pendingCount() != 0) {
            throw new AssertionError("exchanges still pending after close: " + decoder.pendingCount());
        }
        check(decoder, out);
        if (out.notThisProtocol.size() > 1) {
            throw new AssertionError("not-this-protocol reported more than once: " + out.notThisProtocol);
        }
    }

    private static void check(MqttDecoder decoder, MqttWire.Recording out) {
        if (decoder.pendingCount() > MAX_PENDING) {
            throw new AssertionError("pending exchanges grew to " + decoder.pendingCount());
        }
        for (Direction d : Direction.values()) {
            if (decoder.heldBytes(d) > MqttFramer.MAX_KEPT + MqttFramer.HELD) {
                throw new AssertionError("held " + decoder.heldBytes(d) + " bytes " + d);
            }
        }
        for (OtEvent e : out.events) {
            MqttDetail d = (MqttDetail) e.detail();
            DetailFields.of(d); // writes without throwing, no field twice
            if (d.topics() != null && d.topics().size() > MqttPacketParser.MAX_TOPICS
                    || d.grantedQos() != null && d.grantedQos().length > MqttPacketParser.MAX_TOPICS
                    || d.reasonCodes() != null && d.reasonCodes().length > MqttPacketParser.MAX_TOPICS) {
                throw new AssertionError("unbounded list in " + d);
            }
            if (e.durationMicros() < -1) {
                throw new AssertionError("negative duration " + e);
            }
            if (e.malformed() && (e.outcome() != Outcome.FAILURE || e.errorMessage() == null
                    || e.action().equals("malformed_message"))) {
                throw new AssertionError("malformed operation without its action or failure: " + e);
            }
        }
        for (String reason : out.malformed) {
            if (reason == null || reason.isBlank()) {
                throw new AssertionError("malformed report without a reason");
            }
        }
        out.events.clear();
        out.malformed.clear();
    }
}
