package io.otsoc.collector.testing;

import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.DetailWriter;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToIntBiFunction;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * Replays a fuzz input as a flow's life against a {@link ProtocolDecoder} and checks what any decoder owes the
 * pipeline: nothing thrown, bytes read only inside the slice it was given, every event well formed (its protocol,
 * snake_case action and field names, no field written twice, no null text, bounded texts and lists, asset facts
 * that name their side, a reason for every malformed report, malformed events reported as malformed and as
 * failures), nothing reported after not-this-protocol. A decoder's own fuzz test adds what it knows of its decoder
 * through {@link Replay}: bounds on its pending requests and held bytes, checks of its details, its factory's
 * recognizer.
 *
 * <p>Input format, repeated: one control byte, then for data one length byte (two, big-endian, with
 * {@link Replay#wideLengths()}) and that many payload bytes. Control bits 0-1: 0 data to the server, 1 data to the
 * client, 2 gap to the server, 3 gap to the client; bits 2-7 advance the clock by that many steps (microseconds
 * unless {@link Replay#clockStep(long)} says otherwise) and give a gap's missing bytes. Over UDP each data item is
 * one datagram and gaps only advance the clock. The flow is closed at the end of the input.
 */
public final class DecoderFuzzing {

    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]*");
    /** The most entries a detail list may carry: protocols bound what they copy from a message. */
    public static final int MAX_LIST = 4096;
    /** The longest text a detail may carry unless a decoder's test says less. */
    public static final int MAX_TEXT = 65_536;

    public static final FlowRef TCP_FLOW = new FlowRef("1:fuzz", "tcp", "00:00:00:00:00:01", "00:00:00:00:00:02",
            "10.0.0.1", 40000, "10.0.0.2", 1, -1);
    public static final FlowRef UDP_FLOW = new FlowRef("1:fuzz", "udp", "00:00:00:00:00:01", "00:00:00:00:00:02",
            "10.0.0.1", 40000, "10.0.0.2", 1, -1);

    private DecoderFuzzing() {
    }

    /** Creates the decoder under test on a flow, with an output. */
    public interface DecoderUnderTest<D extends ProtocolDecoder> {
        D create(FlowRef flow, DecoderOutput output);
    }

    /** A replay of the decoder {@code create} makes, whose events carry one of {@code protocols}; on TCP_FLOW. */
    public static <D extends ProtocolDecoder> Replay<D> of(DecoderUnderTest<D> create, String... protocols) {
        return new Replay<>(create, Set.of(protocols));
    }

    /** What is replayed and checked; set what applies, then {@link #replay(byte[])}. */
    public static final class Replay<D extends ProtocolDecoder> {
        private final DecoderUnderTest<D> create;
        private final Set<String> protocols;
        private FlowRef flow = TCP_FLOW;
        private boolean wideLengths;
        private long clockStep = 1;
        private final List<Consumer<D>> afterEachCall = new ArrayList<>();
        private final List<Consumer<D>> afterClose = new ArrayList<>();
        private final List<Consumer<ProtocolDetail>> detailChecks = new ArrayList<>();
        private int maxText = MAX_TEXT;
        private int maxTexts = MAX_LIST;
        private int maxNumbers = MAX_LIST;
        private ProtocolDecoderFactory recognizer;
        private boolean strictRecognizer;
        private boolean namedMalformed;
        private boolean markedMalformed;
        private boolean neverDisowns;

        private Replay(DecoderUnderTest<D> create, Set<String> protocols) {
            this.create = create;
            this.protocols = protocols;
        }

        /** The flow the decoder is created on (its port may matter); its transport says TCP or UDP. */
        public Replay<D> on(FlowRef flow) {
            this.flow = flow;
            return this;
        }

        /** Two-byte lengths: one delivery can hold more than 255 bytes. */
        public Replay<D> wideLengths() {
            this.wideLengths = true;
            return this;
        }

        /** How far one step of the control byte's clock advances it, in microseconds. */
        public Replay<D> clockStep(long micros) {
            this.clockStep = micros;
            return this;
        }

        /** The decoder's pending requests, {@code count}, stay at or below {@code max} and are all gone after close. */
        public Replay<D> pending(ToIntFunction<D> count, int max) {
            afterEachCall.add(d -> atMost("pending requests", count.applyAsInt(d), max));
            afterClose.add(d -> atMost("pending requests after close", count.applyAsInt(d), 0));
            return this;
        }

        /** The decoder's buffered bytes, {@code bytes}, stay at or below {@code max} after every call. */
        public Replay<D> held(ToIntFunction<D> bytes, int max) {
            afterEachCall.add(d -> atMost("held bytes", bytes.applyAsInt(d), max));
            return this;
        }

        /** As {@link #held}, for a decoder that buffers each direction apart. */
        public Replay<D> heldEachWay(ToIntBiFunction<D, Direction> bytes, int max) {
            afterEachCall.add(d -> {
                for (Direction direction : Direction.values()) {
                    atMost("held bytes " + direction, bytes.applyAsInt(d, direction), max);
                }
            });
            return this;
        }

        /** Runs {@code check} on every detail of {@code type} reported, of an event or of a malformed report. */
        public <T extends ProtocolDetail> Replay<D> details(Class<T> type, Consumer<? super T> check) {
            detailChecks.add(detail -> {
                if (type.isInstance(detail)) {
                    check.accept(type.cast(detail));
                }
            });
            return this;
        }

        /** The longest text (also within a list) a detail may write. */
        public Replay<D> maxText(int chars) {
            this.maxText = chars;
            return this;
        }

        /** The most entries a detail's text list may hold. */
        public Replay<D> maxTexts(int entries) {
            this.maxTexts = entries;
            return this;
        }

        /** The most entries a detail's number list may hold. */
        public Replay<D> maxNumbers(int entries) {
            this.maxNumbers = entries;
            return this;
        }

        /** Also asks {@code factory} whether it recognizes each delivery, which it must judge without failing. */
        public Replay<D> recognizer(ProtocolDecoderFactory factory) {
            this.recognizer = factory;
            return this;
        }

        /** As {@link #recognizer}, for a recognizer that parses the whole datagram: what it accepts is well formed. */
        public Replay<D> strictRecognizer(ProtocolDecoderFactory factory) {
            this.strictRecognizer = true;
            return recognizer(factory);
        }

        /** A malformed operation is reported under its own action, never {@code malformed_message}. */
        public Replay<D> namedMalformedOperations() {
            this.namedMalformed = true;
            return this;
        }

        /** A malformed operation comes marked malformed (the binding would mark it anyway). */
        public Replay<D> markedMalformedOperations() {
            this.markedMalformed = true;
            return this;
        }

        /** The decoder never reports not-this-protocol: it decodes whatever reaches its port. */
        public Replay<D> neverDisowns() {
            this.neverDisowns = true;
            return this;
        }

        public void replay(byte[] input) {
            boolean tcp = flow.transport().equals("tcp");
            Checker out = new Checker();
            D decoder = create.create(flow, out);
            long micros = 1_700_000_000_000_000L;
            int p = 0;
            while (p < input.length) {
                int control = input[p++] & 0xFF;
                micros += (control >>> 2) * clockStep;
                int kind = control & 3;
                if (kind <= 1) {
                    int lengthBytes = wideLengths ? 2 : 1;
                    if (p + lengthBytes > input.length) {
                        break;
                    }
                    int declared = wideLengths ? (input[p] & 0xFF) << 8 | input[p + 1] & 0xFF : input[p] & 0xFF;
                    p += lengthBytes;
                    int length = Math.min(declared, input.length - p);
                    // a slice at offset 1 of an array that ends with it: reading past its end throws
                    byte[] chunk = new byte[length + 1];
                    chunk[0] = (byte) 0xA5;
                    System.arraycopy(input, p, chunk, 1, length);
                    Direction direction = kind == 0 ? Direction.TO_SERVER : Direction.TO_CLIENT;
                    out.recognized = recognizer != null && recognizer.recognizes(tcp, direction, chunk, 1, length);
                    decoder.onData(direction, chunk, 1, length, micros);
                    out.recognized = false;
                    p += length;
                } else if (tcp) {
                    decoder.onGap(kind == 2 ? Direction.TO_SERVER : Direction.TO_CLIENT, control >>> 2, micros);
                }
                afterEachCall.forEach(check -> check.accept(decoder));
            }
            decoder.onClose(micros);
            afterEachCall.forEach(check -> check.accept(decoder));
            afterClose.forEach(check -> check.accept(decoder));
        }

        private static void atMost(String what, int value, int max) {
            if (value > max) {
                throw new AssertionError(what + ": " + value + ", more than " + max);
            }
        }

        /** Checks each report as it arrives. */
        private final class Checker implements DecoderOutput, DetailWriter {
            private final Set<String> written = new HashSet<>();
            private boolean disowned;
            /** The delivery being decoded was accepted by the recognizer. */
            boolean recognized;

            @Override
            public void event(OtEvent event) {
                if (event.malformed()) {
                    throw new AssertionError("malformed event reported as a plain one, so not counted: " + event);
                }
                check(event);
            }

            @Override
            public void malformed(long timestampMicros, String reason, ProtocolDetail partial) {
                notAfterDisowning();
                reportedMalformed();
                if (reason == null || reason.isBlank()) {
                    throw new AssertionError("malformed report without a reason");
                }
                if (partial != null) {
                    check(partial);
                }
            }

            @Override
            public void malformed(OtEvent event) {
                if (event.outcome() != Outcome.FAILURE) {
                    // the binding forces failure; the decoder still has to build the event as the contract says
                    throw new AssertionError("malformed operation without outcome failure: " + event);
                }
                if (markedMalformed && !event.malformed()) {
                    throw new AssertionError("malformed operation not marked malformed: " + event);
                }
                if (namedMalformed && event.action().equals(DecoderBinding.MALFORMED_ACTION)) {
                    throw new AssertionError("malformed operation without its action: " + event);
                }
                reportedMalformed();
                check(event);
            }

            @Override
            public void notThisProtocol(long timestampMicros, String reason) {
                notAfterDisowning();
                if (neverDisowns) {
                    throw new AssertionError("not-this-protocol from a decoder that never disowns: " + reason);
                }
                disowned = true;
            }

            private void reportedMalformed() {
                if (recognized && strictRecognizer) {
                    throw new AssertionError("a delivery the recognizer accepted was reported malformed");
                }
            }

            private void check(OtEvent event) {
                notAfterDisowning();
                if (!protocols.contains(event.protocol())) {
                    throw new AssertionError("event of protocol " + event.protocol() + ", not one of " + protocols);
                }
                if (!FIELD.matcher(event.action()).matches()) {
                    throw new AssertionError("action is not snake_case: " + event.action());
                }
                if (event.durationMicros() < -1) {
                    throw new AssertionError("negative duration: " + event);
                }
                if (event.outcome() == Outcome.FAILURE
                        && (event.errorMessage() == null || event.errorMessage().isBlank())) {
                    throw new AssertionError("failure without an error message: " + event);
                }
                check(event.detail());
            }

            private void check(ProtocolDetail detail) {
                written.clear();
                detail.writeFields(this);
                AssetFacts facts = detail.assetFacts();
                if (facts != null && facts.side() == null) {
                    throw new AssertionError("asset facts without a side: " + facts);
                }
                detailChecks.forEach(c -> c.accept(detail));
            }

            private void notAfterDisowning() {
                if (disowned) {
                    throw new AssertionError("report after not-this-protocol");
                }
            }

            private void name(String field) {
                if (field == null || !FIELD.matcher(field).matches()) {
                    throw new AssertionError("detail field name is not snake_case: " + field);
                }
                if (!written.add(field)) {
                    throw new AssertionError("detail field written twice: " + field);
                }
            }

            private void text(String value) {
                if (value == null || value.length() > maxText) {
                    throw new AssertionError("text null or longer than " + maxText + ": "
                            + (value == null ? null : value.length() + " chars"));
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
                text(value);
            }

            @Override
            public void flag(String field, boolean value) {
                name(field);
            }

            @Override
            public void numbers(String field, int[] values, int count) {
                name(field);
                if (count > maxNumbers || count > (values == null ? 0 : values.length)) {
                    throw new AssertionError(field + " list of " + count + " entries");
                }
            }

            @Override
            public void texts(String field, List<String> values) {
                name(field);
                if (values.size() > maxTexts) {
                    throw new AssertionError(field + " list of " + values.size() + " entries");
                }
                values.forEach(this::text);
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
