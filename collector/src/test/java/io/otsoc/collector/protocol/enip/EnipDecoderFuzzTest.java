package io.otsoc.collector.protocol.enip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;

import java.util.Arrays;

/**
 * Feeds arbitrary byte streams, cut arbitrarily, to the decoders in both directions with gaps between them, and
 * checks that nothing escapes and that their state stays bounded. Under plain {@code mvn test} the seeds in
 * {@code EnipDecoderFuzzTestInputs/<method>} (hand-built sessions) are replayed; {@code JAZZER_FUZZ=1} fuzzes.
 *
 * <p>Input format, repeated: one control byte, then for data a two-byte big-endian length and that many payload
 * bytes. Control bits 0-1: 0 data to the server, 1 data to the client, 2 gap to the server, 3 gap to the client;
 * bits 2-7 advance the clock. The flow is closed at the end of the input.
 */
class EnipDecoderFuzzTest {

    /** EtherNet/IP over TCP: framing across deliveries, resynchronisation, pairing. */
    @FuzzTest(maxDuration = "30s")
    void decodeTcp(byte[] input) {
        RecordingOutput out = new RecordingOutput();
        EnipDecoder decoder = new EnipDecoder(EnipWire.TCP, out);
        feed(input, decoder, out, decoder);
    }

    /** EtherNet/IP over UDP (one message per datagram) and class 0/1 I/O datagrams, on the same input. */
    @FuzzTest(maxDuration = "30s")
    void decodeDatagrams(byte[] input) {
        RecordingOutput out = new RecordingOutput();
        EnipDecoder decoder = new EnipDecoder(EnipWire.UDP, out);
        feed(input, decoder, out, decoder);
        RecordingOutput ioOut = new RecordingOutput();
        feed(input, new CipIoDecoder(EnipWire.IO, ioOut), ioOut, null);
    }

    private static void feed(byte[] input, ProtocolDecoder decoder, RecordingOutput out, EnipDecoder enip) {
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
            check(enip, out);
        }
        decoder.onClose(micros);
        if (enip != null && enip.pendingCount() != 0) {
            throw new AssertionError("requests still pending after close: " + enip.pendingCount());
        }
        check(enip, out);
        if (out.notThisProtocol.size() > 1) {
            throw new AssertionError("not-this-protocol reported more than once: " + out.notThisProtocol);
        }
        if (!out.notThisProtocol.isEmpty() && out.all.get(out.all.size() - 1) != out.notThisProtocol.get(0)) {
            throw new AssertionError("reports after not-this-protocol: " + out.all);
        }
    }

    private static void check(EnipDecoder enip, RecordingOutput out) {
        if (enip != null) {
            if (enip.pendingCount() > 3 * EnipDecoder.MAX_PENDING) {
                throw new AssertionError("pending requests grew to " + enip.pendingCount());
            }
            for (Direction d : Direction.values()) {
                if (enip.bufferCapacity(d) > EncapsulationHeader.SIZE + EncapsulationHeader.MAX_LENGTH) {
                    throw new AssertionError("buffer of " + enip.bufferCapacity(d) + " bytes " + d);
                }
            }
        }
        for (OtEvent e : out.events) {
            checkEvent(e);
        }
        for (RecordingOutput.Malformed m : out.malformed) {
            if (m.reason() == null || m.reason().isBlank()) {
                throw new AssertionError("malformed report without a reason");
            }
            OtEvent e = m.event();
            if (e != null) {
                checkEvent(e);
                if (e.outcome() != Outcome.FAILURE || !m.reason().equals(e.errorMessage()) || e.action().isBlank()
                        || e.action().equals(DecoderBinding.MALFORMED_ACTION)) {
                    throw new AssertionError("malformed report of an operation without its action or failure: " + e);
                }
            }
        }
        out.events.clear();
        out.malformed.clear();
    }

    private static void checkEvent(OtEvent e) {
        if (e.durationMicros() < -1) {
            throw new AssertionError("negative duration " + e);
        }
        if (!e.protocol().equals(EnipDecoder.PROTOCOL) && !e.protocol().equals(EnipDecoder.CIP)) {
            throw new AssertionError("protocol " + e.protocol());
        }
        if (e.detail() instanceof CipDetail d) {
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
        // every detail must write its fields without failing
        e.detail().writeFields(new io.otsoc.collector.model.DetailWriter() {
            @Override
            public void number(String field, long value) {
            }

            @Override
            public void decimal(String field, double value) {
            }

            @Override
            public void text(String field, String value) {
                if (value == null) {
                    throw new AssertionError(field + " written as null");
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
            }
        });
        if (e.detail().assetFacts() != null && e.detail().assetFacts().side() == null) {
            throw new AssertionError("asset facts without a side");
        }
    }
}
