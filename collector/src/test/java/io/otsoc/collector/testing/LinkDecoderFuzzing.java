package io.otsoc.collector.testing;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.LinkDecoder;
import io.otsoc.collector.protocol.LinkFrame;

import java.util.function.IntSupplier;

/**
 * Replays a fuzz input as frames to a link-layer decoder and checks what any of them owes the pipeline: nothing
 * thrown, bytes read only inside the frame, every event of the decoder's protocol with an action, every malformed
 * report a failure with a reason, details writable. A decoder's own fuzz test adds what it knows of its decoder
 * through {@link Replay}: a bound on what it keeps across frames, how many events a frame may yield.
 *
 * <p>Input format, repeated: a two-byte big-endian length, then that many payload bytes, delivered as one frame at
 * offset 1 of an array that ends with it (so that reading past its end throws), the clock advancing by the length.
 * Frames vary in whether they have MACs, their source MAC and their VLAN, unless {@link Replay#frames} says how they
 * are made.
 */
public final class LinkDecoderFuzzing {

    private LinkDecoderFuzzing() {
    }

    /** Replays {@code input} to {@code decoder}, which writes to {@code out}, as frames of {@code etherType}. */
    public static void replay(byte[] input, LinkDecoder decoder, TestFrame.Events out, String protocol,
                              int etherType) {
        of(decoder, out, protocol, etherType).replay(input);
    }

    /** A replay to {@code decoder}, which writes to {@code out}, of frames of {@code etherType}. */
    public static Replay of(LinkDecoder decoder, TestFrame.Events out, String protocol, int etherType) {
        return new Replay(decoder, out, protocol, etherType);
    }

    /** Makes the frame a payload of {@code length} bytes arrives in at {@code micros}. */
    public interface Frames {
        LinkFrame frame(long micros, int length);
    }

    /** What is replayed and checked; set what applies, then {@link #replay(byte[])}. */
    public static final class Replay {
        private final LinkDecoder decoder;
        private final TestFrame.Events out;
        private final String protocol;
        private Frames frames;
        private IntSupplier held;
        private int maxHeld;
        private boolean oneEventPerFrame;
        private boolean noMoreEventsThanFrames;
        private int events;

        private Replay(LinkDecoder decoder, TestFrame.Events out, String protocol, int etherType) {
            this.decoder = decoder;
            this.out = out;
            this.protocol = protocol;
            this.frames = (micros, length) -> new TestFrame(micros, (length & 1) == 0, 0x0011_2233_4455L + length,
                    0xffff_ffff_ffffL, length % 3 == 0 ? 5 : -1, etherType);
        }

        /** How frames are made, for a decoder whose state follows one sender's frames (e.g. a GOOSE publisher). */
        public Replay frames(Frames frames) {
            this.frames = frames;
            return this;
        }

        /** What the decoder keeps across frames, {@code held}, stays at most {@code max} and is gone after close. */
        public Replay held(IntSupplier held, int max) {
            this.held = held;
            this.maxHeld = max;
            return this;
        }

        /** Each frame yields at most one event. */
        public Replay oneEventPerFrame() {
            this.oneEventPerFrame = true;
            return this;
        }

        /** The whole session, its end included, yields at most one event per frame. */
        public Replay noMoreEventsThanFrames() {
            this.noMoreEventsThanFrames = true;
            return this;
        }

        public void replay(byte[] input) {
            long micros = 1_700_000_000_000_000L;
            int frameCount = 0;
            int p = 0;
            while (p + 2 <= input.length) {
                int length = Math.min((input[p] & 0xff) << 8 | input[p + 1] & 0xff, input.length - p - 2);
                p += 2;
                // one byte before the frame, none after: reading past its end throws
                byte[] slice = new byte[length + 1];
                System.arraycopy(input, p, slice, 1, length);
                micros += length;
                decoder.onFrame(frames.frame(micros, length), slice, 1, length);
                frameCount++;
                p += length;
                if (oneEventPerFrame && out.all.size() > 1) {
                    throw new AssertionError("one frame gave " + out.all.size() + " events: " + out.all);
                }
                check(maxHeld);
            }
            decoder.onClose(micros);
            check(0);
            if (noMoreEventsThanFrames && events > frameCount) {
                throw new AssertionError(events + " events for " + frameCount + " frames");
            }
        }

        private void check(int maxHeldNow) {
            if (held != null && held.getAsInt() > maxHeldNow) {
                throw new AssertionError("decoder keeps " + held.getAsInt() + ", more than " + maxHeldNow);
            }
            events += out.all.size();
            for (OtEvent e : out.all) {
                if (e.malformed() && (e.outcome() != Outcome.FAILURE || e.errorMessage() == null
                        || e.errorMessage().isBlank())) {
                    throw new AssertionError("malformed report without failure and reason: " + e);
                }
                if (!e.protocol().equals(protocol) || e.action().isBlank()) {
                    throw new AssertionError("bad event " + e);
                }
                e.detail().writeFields(new CountingWriter());
                e.detail().assetFacts();
            }
            out.all.clear();
        }
    }
}
