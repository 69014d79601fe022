package io.otsoc.collector.protocol.modbus;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.Direction;

import java.util.Arrays;

/**
 * Feeds arbitrary byte streams, cut arbitrarily, to the decoder in both directions with gaps between them, and checks
 * that nothing escapes and its state stays bounded. Under plain {@code mvn test} the seeds in
 * {@code ModbusDecoderFuzzTestInputs/decodeAnything} (hand-built sessions) are replayed; {@code JAZZER_FUZZ=1}
 * fuzzes for real.
 *
 * <p>Input format, repeated: one control byte, then for data one length byte and that many payload bytes.
 * Control bits 0-1: 0 data to the server, 1 data to the client, 2 gap to the server, 3 gap to the client;
 * bits 2-7 advance the clock. The flow is closed at the end of the input.
 */
class ModbusDecoderFuzzTest {

    private static final int MAX_PENDING = 4;

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        feed(input, false);
    }

    /**
     * The same with two-byte delivery lengths (big-endian), so that one delivery can hold more than the largest
     * ADU: the only way to reach the framing of oversized ADUs, which must be complete within one delivery.
     */
    @FuzzTest(maxDuration = "30s")
    void decodeLargeDeliveries(byte[] input) {
        feed(input, true);
    }

    private static void feed(byte[] input, boolean wideLengths) {
        RecordingOutput out = new RecordingOutput();
        ModbusDecoder decoder = new ModbusDecoder(ModbusWire.FLOW, out, MAX_PENDING);
        long micros = 1_700_000_000_000_000L;
        int p = 0;
        while (p < input.length) {
            int control = input[p++] & 0xFF;
            micros += control >>> 2;
            switch (control & 3) {
                case 0, 1 -> {
                    int lengthBytes = wideLengths ? 2 : 1;
                    if (p + lengthBytes > input.length) {
                        p = input.length;
                        break;
                    }
                    int declared = wideLengths ? (input[p] & 0xFF) << 8 | input[p + 1] & 0xFF : input[p] & 0xFF;
                    p += lengthBytes;
                    int length = Math.min(declared, input.length - p);
                    Direction direction = (control & 3) == 0 ? Direction.TO_SERVER : Direction.TO_CLIENT;
                    // hand over a slice of a larger array: the decoder must stay inside offset..offset+length
                    byte[] chunk = Arrays.copyOfRange(input, p - 1, p + length + 1 > input.length ? input.length : p + length + 1);
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
            throw new AssertionError("requests still pending after close: " + decoder.pendingCount());
        }
        check(decoder, out);
        if (out.notThisProtocol.size() > 1) {
            throw new AssertionError("not-this-protocol reported more than once: " + out.notThisProtocol);
        }
        if (!out.notThisProtocol.isEmpty() && out.all.get(out.all.size() - 1) != out.notThisProtocol.get(0)) {
            throw new AssertionError("reports after not-this-protocol: " + out.all);
        }
    }

    private static void check(ModbusDecoder decoder, RecordingOutput out) {
        if (decoder.pendingCount() > MAX_PENDING) {
            throw new AssertionError("pending table grew to " + decoder.pendingCount());
        }
        for (Direction d : Direction.values()) {
            if (decoder.bufferedBytes(d) > MbapFramer.MAX_ADU) {
                throw new AssertionError("buffered " + decoder.bufferedBytes(d) + " bytes " + d);
            }
        }
        for (OtEvent e : out.events) {
            checkDetail((ModbusDetail) e.detail());
            if (e.durationMicros() < -1) {
                throw new AssertionError("negative duration " + e);
            }
        }
        for (RecordingOutput.Malformed m : out.malformed) {
            if (m.reason() == null || m.reason().isBlank()) {
                throw new AssertionError("malformed report without a reason");
            }
            if (m.partial() != null) {
                checkDetail(m.partial());
            }
            OtEvent e = m.event();
            if (e != null && (e.outcome() != Outcome.FAILURE || !m.reason().equals(e.errorMessage())
                    || e.action().isBlank() || e.action().equals(DecoderBinding.MALFORMED_ACTION))) {
                throw new AssertionError("malformed report of an operation without its action or failure: " + e);
            }
        }
        out.events.clear();
        out.malformed.clear();
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
