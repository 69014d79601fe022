package io.otsoc.collector.protocol.iec104;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.Direction;

import java.util.Arrays;

/**
 * Arbitrary byte streams, cut arbitrarily, in both directions with gaps between them: nothing escapes, state stays
 * bounded (buffered octets, pending activations, object lists) and every report is well formed. Under plain
 * {@code mvn test} the seeds in {@code Iec104DecoderFuzzTestInputs/decodeAnything} are replayed; {@code JAZZER_FUZZ=1}
 * fuzzes for real. Also asks the factory's recognizer about every delivery.
 *
 * <p>Input format, repeated: one control byte, then for data one length byte and that many payload bytes. Control
 * bits 0-1: 0 data to the server, 1 data to the client, 2 gap to the server, 3 gap to the client; bits 2-7 advance
 * the clock by that many seconds. The flow is closed at the end of the input.
 */
class Iec104DecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        RecordingOutput out = new RecordingOutput();
        Iec104Decoder decoder = new Iec104Decoder(Iec104Wire.FLOW, out);
        Iec104DecoderFactory factory = new Iec104DecoderFactory();
        long micros = 1_700_000_000_000_000L;
        int p = 0;
        while (p < input.length) {
            int control = input[p++] & 0xFF;
            micros += (control >>> 2) * 1_000_000L;
            switch (control & 3) {
                case 0, 1 -> {
                    if (p >= input.length) {
                        p = input.length;
                        break;
                    }
                    int length = Math.min(input[p++] & 0xFF, input.length - p);
                    Direction direction = (control & 3) == 0 ? Direction.TO_SERVER : Direction.TO_CLIENT;
                    byte[] chunk = Arrays.copyOfRange(input, p - 1, Math.min(input.length, p + length + 1));
                    factory.recognizes(true, direction, chunk, 1, length);
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
            throw new AssertionError("activations still pending after close: " + decoder.pendingCount());
        }
        check(decoder, out);
        if (out.notThisProtocol.size() > 1) {
            throw new AssertionError("not-this-protocol reported more than once: " + out.notThisProtocol);
        }
        if (!out.notThisProtocol.isEmpty() && out.all.get(out.all.size() - 1) != out.notThisProtocol.get(0)) {
            throw new AssertionError("reports after not-this-protocol: " + out.all);
        }
    }

    private static void check(Iec104Decoder decoder, RecordingOutput out) {
        if (decoder.pendingCount() > Iec104Decoder.MAX_PENDING) {
            throw new AssertionError("pending table grew to " + decoder.pendingCount());
        }
        for (Direction d : Direction.values()) {
            if (decoder.bufferedBytes(d) >= Apdu.MAX_APDU) {
                throw new AssertionError("buffered " + decoder.bufferedBytes(d) + " octets " + d);
            }
        }
        for (OtEvent e : out.events) {
            checkDetail((Iec104Detail) e.detail());
            if (e.durationMicros() < -1) {
                throw new AssertionError("negative duration " + e);
            }
            e.detail().writeFields(NullWriter.INSTANCE);
        }
        for (RecordingOutput.Malformed m : out.malformed) {
            if (m.reason() == null || m.reason().isBlank()) {
                throw new AssertionError("malformed report without a reason");
            }
            if (m.partial() != null) {
                checkDetail((Iec104Detail) m.partial());
                m.partial().writeFields(NullWriter.INSTANCE);
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

    /** Discards fields: only checks that writing them does not throw. */
    private enum NullWriter implements io.otsoc.collector.model.DetailWriter {
        INSTANCE;

        @Override
        public void number(String field, long value) {
        }

        @Override
        public void decimal(String field, double value) {
        }

        @Override
        public void text(String field, String value) {
            if (value == null) {
                throw new AssertionError("null text for " + field);
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
            if (values.contains(null)) {
                throw new AssertionError("null in " + field);
            }
        }
    }
}
