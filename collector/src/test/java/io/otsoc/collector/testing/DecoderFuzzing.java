package io.otsoc.collector.testing;

import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * Replays a fuzz input as a flow's life against a {@link ProtocolDecoder} and checks what any decoder owes the
 * pipeline: nothing thrown, bytes read only inside the slice it was given, every event well formed (its protocol,
 * snake_case field names, bounded lists, a reason for every malformed report), nothing reported after
 * not-this-protocol, and a bounded amount of held state after every call.
 *
 * <p>Input format, repeated: one control byte, then for data one length byte (two, big-endian, with
 * {@code wideLengths}) and that many payload bytes. Control bits 0-1: 0 data to the server, 1 data to the client,
 * 2 gap to the server, 3 gap to the client; bits 2-7 advance the clock. Over UDP each data item is one datagram and
 * gaps are skipped. The flow is closed at the end of the input.
 */
public final class DecoderFuzzing {

    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]*");
    /** The most entries a detail list may carry: protocols bound what they copy from a message. */
    public static final int MAX_LIST = 4096;

    private DecoderFuzzing() {
    }

    /** Creates the decoder under test on a flow, with an output. */
    public interface DecoderUnderTest {
        ProtocolDecoder create(FlowRef flow, DecoderOutput output);
    }

    public static final FlowRef TCP_FLOW = new FlowRef("1:fuzz", "tcp", "00:00:00:00:00:01", "00:00:00:00:00:02",
            "10.0.0.1", 40000, "10.0.0.2", 1, -1);
    public static final FlowRef UDP_FLOW = new FlowRef("1:fuzz", "udp", "00:00:00:00:00:01", "00:00:00:00:00:02",
            "10.0.0.1", 40000, "10.0.0.2", 1, -1);

    /**
     * Replays {@code input}; {@code heldBytes} reports the decoder's buffered state (may be null) and must stay at
     * or below {@code maxHeldBytes}.
     */
    public static void replay(byte[] input, boolean tcp, boolean wideLengths, String protocol,
                              DecoderUnderTest decoderUnderTest, IntSupplier heldBytes, int maxHeldBytes) {
        replay(input, tcp, wideLengths, java.util.Set.of(protocol), decoderUnderTest, heldBytes, maxHeldBytes);
    }

    /** As above, for a decoder whose events may carry any of {@code protocols} (a transport carrying several). */
    public static void replay(byte[] input, boolean tcp, boolean wideLengths, java.util.Set<String> protocols,
                              DecoderUnderTest decoderUnderTest, IntSupplier heldBytes, int maxHeldBytes) {
        Checker out = new Checker(protocols);
        ProtocolDecoder decoder = decoderUnderTest.create(tcp ? TCP_FLOW : UDP_FLOW, out);
        long micros = 1_700_000_000_000_000L;
        int p = 0;
        while (p < input.length) {
            int control = input[p++] & 0xFF;
            micros += control >>> 2;
            int kind = control & 3;
            if (kind <= 1) {
                int lengthBytes = wideLengths ? 2 : 1;
                if (p + lengthBytes > input.length) {
                    break;
                }
                int declared = wideLengths ? (input[p] & 0xFF) << 8 | input[p + 1] & 0xFF : input[p] & 0xFF;
                p += lengthBytes;
                int length = Math.min(declared, input.length - p);
                // a slice of a larger array, poisoned around it: the decoder must stay inside offset..offset+length
                byte[] chunk = new byte[length + 2];
                chunk[0] = (byte) 0xA5;
                chunk[length + 1] = (byte) 0x5A;
                System.arraycopy(input, p, chunk, 1, length);
                decoder.onData(kind == 0 ? Direction.TO_SERVER : Direction.TO_CLIENT, chunk, 1, length, micros);
                p += length;
            } else if (tcp) {
                decoder.onGap(kind == 2 ? Direction.TO_SERVER : Direction.TO_CLIENT, control >>> 2, micros);
            }
            checkHeld(heldBytes, maxHeldBytes);
        }
        decoder.onClose(micros);
        checkHeld(heldBytes, maxHeldBytes);
    }

    private static void checkHeld(IntSupplier heldBytes, int max) {
        if (heldBytes != null && heldBytes.getAsInt() > max) {
            throw new AssertionError("decoder holds " + heldBytes.getAsInt() + " bytes, more than " + max);
        }
    }

    /** Checks each report as it arrives. */
    private static final class Checker implements DecoderOutput, DetailWriter {
        private final java.util.Set<String> protocols;
        private boolean disowned;

        Checker(java.util.Set<String> protocols) {
            this.protocols = protocols;
        }

        @Override
        public void event(OtEvent event) {
            check(event);
        }

        @Override
        public void malformed(long timestampMicros, String reason, ProtocolDetail partial) {
            notAfterDisowning();
            if (reason == null || reason.isBlank()) {
                throw new AssertionError("malformed report without a reason");
            }
            if (partial != null) {
                partial.writeFields(this);
                partial.assetFacts();
            }
        }

        @Override
        public void malformed(OtEvent event) {
            if (event.outcome() != Outcome.FAILURE && event.errorMessage() == null) {
                // the binding forces failure; a decoder still has to say what was wrong
                throw new AssertionError("malformed operation without an error message: " + event);
            }
            check(event);
        }

        @Override
        public void notThisProtocol(long timestampMicros, String reason) {
            notAfterDisowning();
            disowned = true;
        }

        private void check(OtEvent event) {
            notAfterDisowning();
            if (!protocols.contains(event.protocol())) {
                throw new AssertionError("event of protocol " + event.protocol() + ", expected one of " + protocols);
            }
            if (!FIELD.matcher(event.action()).matches()) {
                throw new AssertionError("action is not snake_case: " + event.action());
            }
            if (event.durationMicros() < -1) {
                throw new AssertionError("negative duration: " + event);
            }
            if (event.outcome() == Outcome.FAILURE && (event.errorMessage() == null || event.errorMessage().isBlank())) {
                throw new AssertionError("failure without an error message: " + event);
            }
            event.detail().writeFields(this);
            event.detail().assetFacts();
        }

        private void notAfterDisowning() {
            if (disowned) {
                throw new AssertionError("report after not-this-protocol");
            }
        }

        private static void name(String field) {
            if (field == null || !FIELD.matcher(field).matches()) {
                throw new AssertionError("detail field name is not snake_case: " + field);
            }
        }

        @Override
        public void number(String field, long value) {
            name(field);
        }

        @Override
        public void decimal(String field, double value) {
            name(field);
        }

        @Override
        public void text(String field, String value) {
            name(field);
            if (value != null && value.length() > 65_536) {
                throw new AssertionError(field + " text of " + value.length() + " chars");
            }
        }

        @Override
        public void flag(String field, boolean value) {
            name(field);
        }

        @Override
        public void numbers(String field, int[] values, int count) {
            name(field);
            if (count > MAX_LIST || (values != null && count > values.length)) {
                throw new AssertionError(field + " list of " + count + " entries");
            }
        }

        @Override
        public void texts(String field, List<String> values) {
            name(field);
            if (values != null && values.size() > MAX_LIST) {
                throw new AssertionError(field + " list of " + values.size() + " entries");
            }
        }
    }

    /** Builds seeds in the input format: {@code data(0, bytes)} to the server, {@code data(1, bytes)} to the client. */
    public static final class Seed {
        private byte[] bytes = new byte[0];

        public Seed data(int direction, byte[] payload) {
            if (payload.length > 255) {
                throw new IllegalArgumentException("seed items hold at most 255 bytes");
            }
            byte[] item = new byte[payload.length + 2];
            item[0] = (byte) (direction & 1 | 4);
            item[1] = (byte) payload.length;
            System.arraycopy(payload, 0, item, 2, payload.length);
            return append(item);
        }

        public Seed gap(int direction) {
            return append(new byte[] {(byte) (2 + (direction & 1) | 8)});
        }

        private Seed append(byte[] item) {
            byte[] n = Arrays.copyOf(bytes, bytes.length + item.length);
            System.arraycopy(item, 0, n, bytes.length, item.length);
            bytes = n;
            return this;
        }

        public byte[] bytes() {
            return bytes;
        }
    }
}
