package io.otsoc.collector.protocol.modbus;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.testing.DecoderFuzzing;

/**
 * Arbitrary byte streams, cut arbitrarily, in both directions with gaps between them, against the Modbus/TCP decoder
 * (see {@link DecoderFuzzing} for the input format and what every decoder is checked for), with its pending
 * requests and buffered bytes bounded, its details' value lists, function code and MBAP lengths in range, and
 * malformed requests reported under their function's action. Under plain {@code mvn test} the seeds in
 * {@code ModbusDecoderFuzzTestInputs/<method>} (hand-built sessions) are replayed; {@code JAZZER_FUZZ=1} fuzzes for
 * real.
 */
class ModbusDecoderFuzzTest {

    private static final int MAX_PENDING = 4;

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        modbus().replay(input);
    }

    /**
     * The same with two-byte delivery lengths (big-endian), so that one delivery can hold more than the largest
     * ADU: the only way to reach the framing of oversized ADUs, which must be complete within one delivery.
     */
    @FuzzTest(maxDuration = "30s")
    void decodeLargeDeliveries(byte[] input) {
        modbus().wideLengths().replay(input);
    }

    private static DecoderFuzzing.Replay<ModbusDecoder> modbus() {
        return DecoderFuzzing.of((flow, out) -> new ModbusDecoder(flow, out, MAX_PENDING), ModbusDecoder.PROTOCOL)
                .on(ModbusWire.FLOW)
                .pending(ModbusDecoder::pendingCount, MAX_PENDING)
                .heldEachWay(ModbusDecoder::bufferedBytes, MbapFramer.MAX_ADU)
                .details(ModbusDetail.class, ModbusDecoderFuzzTest::checkDetail)
                .namedMalformedOperations();
    }

    private static void checkDetail(ModbusDetail d) {
        int[] request = d.requestValues();
        int[] response = d.responseValues();
        if (request != null && request.length > ModbusDetail.MAX_VALUES
                || response != null && response.length > ModbusDetail.MAX_VALUES) {
            throw new AssertionError("value list longer than " + ModbusDetail.MAX_VALUES + ": " + d);
        }
        if (d.functionCode() < 0 || d.functionCode() > 0xFF) {
            throw new AssertionError("function code out of range: " + d);
        }
        for (int length : new int[] {d.requestLength(), d.responseLength()}) {
            if (length != ModbusDetail.ABSENT && (length < 2 || length > 0xFFFF)) {
                throw new AssertionError("MBAP length " + length + " out of range: " + d);
            }
        }
    }
}
