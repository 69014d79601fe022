package io.otsoc.collector.protocol.profinet.iocm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.Direction;

import java.util.Arrays;

/**
 * Feeds arbitrary datagrams to the decoder (and to the factory's content recognition), checking that nothing
 * escapes and that its state stays bounded. Under plain {@code mvn test} the seeds in
 * {@code ProfinetIoDecoderFuzzTestInputs/decodeAnything} are replayed (datagrams of the shared captures and a
 * hand-built non-DCE/RPC one); {@code JAZZER_FUZZ=1} fuzzes for real.
 *
 * <p>Input format, repeated: one control byte (bit 0: 0 to the server, 1 to the client; bits 1-7 advance the
 * clock), a two-byte big-endian length and that many bytes. The flow is closed at the end of the input.
 */
class ProfinetIoDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeAnything(byte[] input) {
        PnioWire.Recording out = new PnioWire.Recording();
        ProfinetIoDecoder decoder = new ProfinetIoDecoder(PnioWire.FLOW, out);
        ProfinetIoDecoderFactory factory = new ProfinetIoDecoderFactory();
        long micros = 1_700_000_000_000_000L;
        int p = 0;
        while (p + 3 <= input.length) {
            int control = input[p] & 0xFF;
            int declared = (input[p + 1] & 0xFF) << 8 | (input[p + 2] & 0xFF);
            p += 3;
            int length = Math.min(declared, input.length - p);
            micros += control >>> 1;
            Direction direction = (control & 1) == 0 ? Direction.TO_SERVER : Direction.TO_CLIENT;
            byte[] chunk = Arrays.copyOfRange(input, p - 1, p + length);
            factory.recognizes(false, direction, chunk, 1, length);
            decoder.onData(direction, chunk, 1, length, micros);
            p += length;
            if (decoder.pendingCount() > ProfinetIoDecoder.MAX_PENDING) {
                throw new AssertionError("pending calls beyond the bound: " + decoder.pendingCount());
            }
        }
        decoder.onClose(micros);
        if (decoder.pendingCount() != 0) {
            throw new AssertionError("calls still pending after close: " + decoder.pendingCount());
        }
        for (OtEvent e : out.events) {
            if (e.detail() instanceof ProfinetIoDetail d && d.packets().size() > ProfinetIoDecoder.MAX_PACKETS) {
                throw new AssertionError("packets kept beyond the bound: " + d.packets().size());
            }
        }
        if (out.notThisProtocol.size() > 1) {
            throw new AssertionError("not-this-protocol reported more than once: " + out.notThisProtocol);
        }
    }
}
