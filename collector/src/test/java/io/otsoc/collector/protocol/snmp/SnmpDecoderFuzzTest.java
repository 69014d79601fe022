package io.otsoc.collector.protocol.snmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.Direction;

import java.util.Arrays;

import static io.otsoc.collector.protocol.snmp.SnmpWire.FLOW;

/**
 * Feeds arbitrary datagrams to the decoder in both directions and checks that nothing escapes, that its state stays
 * bounded, that every event is well-formed and writes its fields, and that recognition agrees with decoding (a
 * datagram recognised is never malformed). Under plain {@code mvn test} the seeds in
 * {@code SnmpDecoderFuzzTestInputs/decodeDatagrams} (datagrams of the shared captures and hand-built bad ones) are
 * replayed; {@code JAZZER_FUZZ=1} fuzzes for real.
 *
 * <p>Input format, repeated: one control byte (bit 0: 0 to the server, 1 to the client; bits 1-7 advance the
 * clock), a two-byte big-endian length and that many datagram bytes. The flow is closed at the end.
 */
class SnmpDecoderFuzzTest {

    private static final int MAX_PENDING = 4;

    @FuzzTest(maxDuration = "30s")
    void decodeDatagrams(byte[] input) {
        SnmpWire.Recording out = new SnmpWire.Recording();
        SnmpDecoder decoder = new SnmpDecoder(FLOW, out, MAX_PENDING);
        SnmpDecoderFactory factory = new SnmpDecoderFactory();
        long micros = 1_700_000_000_000_000L;
        int p = 0;
        while (p < input.length) {
            int control = input[p++] & 0xFF;
            micros += control >>> 1;
            if (p + 2 > input.length) {
                break;
            }
            int declared = (input[p] & 0xFF) << 8 | input[p + 1] & 0xFF;
            p += 2;
            int length = Math.min(declared, input.length - p);
            Direction direction = (control & 1) == 0 ? Direction.TO_SERVER : Direction.TO_CLIENT;
            // hand over a slice of a larger array: the decoder must stay inside offset..offset+length
            byte[] chunk = Arrays.copyOfRange(input, p - 1, Math.min(input.length, p + length + 1));
            boolean recognised = factory.recognizes(false, direction, chunk, 1, length);
            int before = out.events.size();
            decoder.onData(direction, chunk, 1, length, micros);
            p += length;
            for (int i = before; i < out.events.size(); i++) {
                if (recognised && out.events.get(i).malformed()) {
                    throw new AssertionError("recognised but malformed: " + out.events.get(i).errorMessage());
                }
            }
            check(decoder, out);
        }
        decoder.onClose(micros);
        if (decoder.pendingCount() != 0) {
            throw new AssertionError("requests still pending after close: " + decoder.pendingCount());
        }
        check(decoder, out);
        if (!out.notThisProtocol.isEmpty()) {
            throw new AssertionError("SNMP never detaches: " + out.notThisProtocol);
        }
    }

    private static void check(SnmpDecoder decoder, SnmpWire.Recording out) {
        if (decoder.pendingCount() > MAX_PENDING) {
            throw new AssertionError("pending requests beyond the bound: " + decoder.pendingCount());
        }
        for (OtEvent e : out.events) {
            if (!e.protocol().equals(SnmpDecoder.PROTOCOL)) {
                throw new AssertionError("event of another protocol: " + e);
            }
            if (e.outcome() == Outcome.FAILURE && e.errorMessage() == null) {
                throw new AssertionError("failure without a message: " + e);
            }
            SnmpWire.fields(e.detail());
            e.detail().assetFacts();
        }
        out.events.clear();
    }
}
