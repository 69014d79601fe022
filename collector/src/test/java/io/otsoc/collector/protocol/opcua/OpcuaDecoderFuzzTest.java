package io.otsoc.collector.protocol.opcua;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.Direction;

import java.util.Arrays;

/**
 * Feeds arbitrary byte streams, cut arbitrarily, to the decoder in both directions with gaps between them, and checks
 * that nothing escapes, every event can be written, and its state stays bounded. Under plain {@code mvn test} the
 * seeds in {@code OpcuaDecoderFuzzTestInputs/decodeAnything} (real sessions cut from the shared captures and
 * hand-made edge cases) are replayed; {@code JAZZER_FUZZ=1} fuzzes for real.
 *
 * <p>Input format, repeated: one control byte, then for data a big-endian two-byte length and that many payload
 * bytes. Control bits 0-1: 0 data to the server, 1 data to the client, 2 gap to the server, 3 gap to the client;
 * bits 2-7 advance the clock. The flow is closed at the end of the input.
 */
class OpcuaDecoderFuzzTest {

    private static final int MAX_PENDING = 4;

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        Recording out = new Recording();
        OpcuaDecoder decoder = new OpcuaDecoder(OpcuaWire.FLOW, out, MAX_PENDING);
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
                    // hand over a slice of a larger array: the decoder must stay inside offset..offset+length
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

    private static void check(OpcuaDecoder decoder, Recording out) {
        if (decoder.pendingCount() > MAX_PENDING) {
            throw new AssertionError("pending table grew to " + decoder.pendingCount());
        }
        if (decoder.bufferedBytes() > 2 * (ChunkFramer.MAX_CHUNK + OpcuaDecoder.MAX_MESSAGE)) {
            throw new AssertionError("buffered " + decoder.bufferedBytes() + " bytes");
        }
        for (OtEvent e : out.events) {
            e.detail().writeFields(new CountingWriter());
            OpcuaDetail d = (OpcuaDetail) e.detail();
            for (UaMessage m : new UaMessage[] {d.request(), d.response()}) {
                if (m != null && m.endpointUrls != null && m.endpointUrls.size() > UaMessage.MAX_ENDPOINTS) {
                    throw new AssertionError("endpoint list unbounded: " + m.endpointUrls.size());
                }
            }
            if (e.durationMicros() < -1) {
                throw new AssertionError("negative duration " + e);
            }
            if (e.malformed() && (e.outcome() != Outcome.FAILURE || e.errorMessage() == null
                    || e.action().equals(DecoderBinding.MALFORMED_ACTION))) {
                throw new AssertionError("malformed report without its action or failure: " + e);
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

    /** Writes nothing; checks that texts are bounded. */
    private static final class CountingWriter implements io.otsoc.collector.model.DetailWriter {
        @Override
        public void number(String field, long value) {
        }

        @Override
        public void decimal(String field, double value) {
        }

        @Override
        public void text(String field, String value) {
            if (value.length() > UaReader.MAX_TEXT) {
                throw new AssertionError(field + " longer than " + UaReader.MAX_TEXT);
            }
        }

        @Override
        public void flag(String field, boolean value) {
        }

        @Override
        public void numbers(String field, int[] values, int count) {
        }

        @Override
        public void texts(String field, java.util.List<String> values) {
            values.forEach(v -> text(field, v));
        }
    }
}
