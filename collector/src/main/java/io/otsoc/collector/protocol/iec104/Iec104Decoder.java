package io.otsoc.collector.protocol.iec104;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;

/**
 * Decodes IEC 60870-5-104 on one TCP flow: APDUs framed by the start octet 0x68 and a length of 4-253, the control
 * field in I, S or U format, and the ASDU of each I-format APDU with every information object checked against the
 * APDU length. One event per ASDU and per U-format APDU.
 *
 * <p>S-format APDUs are counted ({@link #supervisoryFrames}), not reported: they only acknowledge received I-format
 * APDUs (flow control, sent after w APDUs or t2 seconds), name no operation, and would add an event for every few
 * data messages.
 *
 * <p>An activation (a command, interrogation, clock synchronization, reset or test command with cause 6 or 8, or a
 * STARTDT/STOPDT/TESTFR act) is held until the other side confirms it (cause 7 or 9, a refusal with cause 44-47, or
 * the U-format con); it is then reported with the confirmation's outcome (negative P/N bit or refusal: failure) and
 * the time it took. The confirmation and a later activation termination (cause 10) are reported too, with the time
 * since the activation. Activations unanswered after {@link #CONFIRMATION_TIMEOUT_MICROS}, evicted from the
 * {@link #MAX_PENDING} entries or pending at the end of the flow are reported with an unknown outcome.
 *
 * <p>Until the first valid APDU, octets that do not frame one are skipped silently (a capture may start
 * mid-message); after {@link #MAX_UNRECOGNISED} of them the flow is not IEC 104. Afterwards a bad start octet or
 * length is reported once as malformed and the direction resynchronises on the next start octet.
 */
public final class Iec104Decoder implements ProtocolDecoder {

    public static final String PROTOCOL = "iec104";
    static final int MAX_PENDING = 16;
    static final int MAX_UNRECOGNISED = 2 * Apdu.MAX_APDU;
    static final long CONFIRMATION_TIMEOUT_MICROS = 60_000_000L;
    private static final int U_KIND = 1000;

    private final FlowRef flow;
    private final DecoderOutput output;
    private final Channel toServer = new Channel(Direction.TO_SERVER);
    private final Channel toClient = new Channel(Direction.TO_CLIENT);
    private final PendingActivations pending = new PendingActivations(MAX_PENDING);
    private boolean established;
    private boolean finished;
    private long unrecognised;

    public Iec104Decoder(FlowRef flow, DecoderOutput output) {
        this.flow = flow;
        this.output = output;
    }

    @Override
    public void onData(Direction direction, byte[] buf, int offset, int length, long timestampMicros) {
        if (!finished && length > 0) {
            channel(direction).onData(buf, offset, length, timestampMicros);
        }
    }

    @Override
    public void onGap(Direction direction, long missingBytes, long timestampMicros) {
        if (!finished) {
            channel(direction).onGap();
        }
    }

    @Override
    public void onClose(long timestampMicros) {
        if (finished) {
            return;
        }
        finished = true;
        if (established) {
            toServer.reportTruncated();
            toClient.reportTruncated();
        }
        pending.expire(Long.MAX_VALUE, output::event);
    }

    /** S-format APDUs seen from one side. */
    public long supervisoryFrames(Direction direction) {
        return channel(direction).supervisory;
    }

    /** Activations waiting for an answer. */
    int pendingCount() {
        return pending.size();
    }

    /** Octets of an incomplete APDU held for one direction. */
    int bufferedBytes(Direction direction) {
        return channel(direction).have;
    }

    private Channel channel(Direction direction) {
        return direction == Direction.TO_SERVER ? toServer : toClient;
    }

    /** One direction's framing. */
    private final class Channel {
        private final Direction direction;
        private final byte[] apdu = new byte[Apdu.MAX_APDU];
        private int have;
        private long apduTs;
        private boolean resyncing;
        private long supervisory;

        Channel(Direction direction) {
            this.direction = direction;
        }

        void onGap() {
            have = 0;
            // The next octets may be the middle of an APDU: the gap explains them, so they are not reported.
            resyncing = true;
        }

        void onData(byte[] b, int off, int len, long ts) {
            int p = off;
            int end = off + len;
            while (p < end && !finished) {
                if (have == 0) {
                    int start = b[p] & 0xFF;
                    if (start != Apdu.START) {
                        skip(ts, "octet 0x", start, " where the start octet 0x68 was expected");
                        p++;
                        continue;
                    }
                    apduTs = ts;
                    apdu[have++] = b[p++];
                    continue;
                }
                if (have == 1) {
                    int length = b[p] & 0xFF;
                    if (length < Apdu.MIN_LENGTH || length > Apdu.MAX_LENGTH) {
                        have = 0;
                        // The octet is looked at again as a possible start octet.
                        skip(apduTs, "APDU length ", length, " outside 4..253");
                        continue;
                    }
                    apdu[have++] = b[p++];
                    continue;
                }
                int total = 2 + (apdu[1] & 0xFF);
                int n = Math.min(total - have, end - p);
                System.arraycopy(b, p, apdu, have, n);
                have += n;
                p += n;
                if (have == total) {
                    have = 0;
                    onApdu(this, apdu, total, apduTs);
                }
            }
        }

        private void skip(long ts, String what, int value, String where) {
            if (!established) {
                if (++unrecognised > MAX_UNRECOGNISED) {
                    finished = true;
                    output.notThisProtocol(ts, "no IEC 104 APDU in the first " + MAX_UNRECOGNISED + " octets ("
                            + what + (what.endsWith("0x") ? Integer.toHexString(value) : value) + where + ")");
                }
                return;
            }
            if (!resyncing) {
                resyncing = true;
                output.malformed(ts, "IEC 104 " + what + (what.endsWith("0x") ? Integer.toHexString(value) : value)
                        + where + " (" + text() + "); skipping to the next start octet", null);
            }
        }

        void reportTruncated() {
            if (have > 0) {
                String got = have == 1 ? "the start octet" : have + " of " + (2 + (apdu[1] & 0xFF)) + " octets";
                output.malformed(apduTs, "IEC 104 APDU truncated: the flow ended after " + got + " (" + text() + ")",
                        null);
                have = 0;
            }
        }

        String text() {
            return direction == Direction.TO_SERVER ? "to server" : "to client";
        }
    }

    private void onApdu(Channel ch, byte[] b, int total, long ts) {
        Apdu apdu = ApduParser.parse(b, 0);
        boolean valid = apdu.problem() == null && (apdu.asdu() == null || apdu.asdu().problem() == null);
        if (!valid && !established) {
            unrecognised += total;
            if (unrecognised > MAX_UNRECOGNISED) {
                finished = true;
                output.notThisProtocol(ts, "no IEC 104 APDU in the first " + MAX_UNRECOGNISED + " octets ("
                        + (apdu.problem() != null ? apdu.problem() : apdu.asdu().problem()) + ")");
            }
            return;
        }
        if (!valid && ch.resyncing) {
            // Framed while looking for a start octet after a bad one: the framing itself is doubtful.
            return;
        }
        if (apdu.problem() != null) {
            output.malformed(ts, "IEC 104 " + apdu.problem() + " (" + ch.text() + ")",
                    Iec104Detail.of(apdu, ch.direction == Direction.TO_SERVER));
            return;
        }
        established = true;
        ch.resyncing = false;
        pending.expire(ts - CONFIRMATION_TIMEOUT_MICROS, output::event);
        switch (apdu.format()) {
            case 'S' -> ch.supervisory++;
            case 'U' -> onUnnumbered(ch.direction, apdu, ts);
            default -> onAsdu(ch, apdu, ts);
        }
    }

    private void onUnnumbered(Direction from, Apdu apdu, long ts) {
        UFunction f = apdu.function();
        EventCategory category = f == UFunction.TESTFR_ACT || f == UFunction.TESTFR_CON
                ? EventCategory.DIAGNOSTIC : EventCategory.OTHER;
        OtEvent event = new OtEvent(ts, -1, flow, PROTOCOL, f.action(), category, Outcome.UNKNOWN, null,
                Iec104Detail.of(apdu, from == Direction.TO_SERVER));
        int kind = U_KIND + f.activation().ordinal();
        if (f.isActivation()) {
            pending.add(kind, -1, -1, 0, from, ts, event, output::event);
            return;
        }
        PendingActivations.Entry e = pending.find(kind, -1, -1, from);
        if (e == null) {
            output.event(with(event, -1, Outcome.SUCCESS, null));
            return;
        }
        long duration = ts - e.timestampMicros;
        if (e.held != null) {
            output.event(with(e.held, duration, Outcome.SUCCESS, null));
        }
        pending.remove(e);
        output.event(with(event, duration, Outcome.SUCCESS, null));
    }

    private void onAsdu(Channel ch, Apdu apdu, long ts) {
        Asdu a = apdu.asdu();
        Iec104Detail detail = Iec104Detail.of(apdu, ch.direction == Direction.TO_SERVER);
        AsduType type = a.type();
        if (type == null) {
            if (a.problem() != null) {
                output.malformed(ts, "IEC 104 " + a.problem() + " (" + ch.text() + ")", detail);
            } else {
                // Reserved (22-29, 41-44, 52-57, 65-69, 71-99, 108-109, 114-119) or private (128-255): reported
                // with its number, its objects not guessed.
                output.event(new OtEvent(ts, -1, flow, PROTOCOL, "unknown_type_identification", EventCategory.OTHER,
                        Outcome.UNKNOWN, null, detail));
            }
            return;
        }
        if (a.problem() != null) {
            output.malformed(new OtEvent(ts, -1, flow, PROTOCOL, type.action, type.category(), Outcome.FAILURE,
                    "IEC 104 " + a.problem() + " (" + ch.text() + ")", detail, true));
            return;
        }
        int cot = a.cause();
        OtEvent event = new OtEvent(ts, -1, flow, PROTOCOL, type.action, type.category(), Outcome.UNKNOWN, null,
                detail);
        if (!type.isControlDirection()) {
            output.event(event);
            return;
        }
        int ioa = detail.firstAddress();
        if (cot == Cause.ACTIVATION || cot == Cause.DEACTIVATION) {
            pending.add(type.id, a.commonAddress(), ioa, cot, ch.direction, ts, event, output::event);
            return;
        }
        boolean confirmation = cot == Cause.ACTIVATION_CON || cot == Cause.DEACTIVATION_CON;
        boolean refusal = Cause.isRefusal(cot);
        boolean termination = cot == Cause.ACTIVATION_TERMINATION;
        if (!confirmation && !refusal && !termination) {
            output.event(event);
            return;
        }
        boolean failed = refusal || a.negative();
        String error = failed ? failure(a) : null;
        Outcome outcome = failed ? Outcome.FAILURE : Outcome.SUCCESS;
        PendingActivations.Entry e = pending.find(type.id, a.commonAddress(), ioa, ch.direction);
        if (e != null && confirmation && (e.cause == Cause.ACTIVATION) != (cot == Cause.ACTIVATION_CON)) {
            e = null;
        }
        if (e == null) {
            output.event(with(event, -1, outcome, error));
            return;
        }
        long duration = ts - e.timestampMicros;
        if (e.held != null) {
            output.event(with(e.held, duration, outcome, error));
            e.held = null;
        }
        if (failed || termination || e.cause == Cause.DEACTIVATION) {
            pending.remove(e);
        }
        output.event(with(event, duration, outcome, error));
    }

    private static String failure(Asdu a) {
        if (Cause.isRefusal(a.cause())) {
            return "IEC 104 " + a.typeName() + " refused with cause of transmission " + a.cause() + " ("
                    + Cause.name(a.cause()) + ")";
        }
        return "IEC 104 " + a.typeName() + " negative " + Cause.name(a.cause()) + " (P/N bit set)";
    }

    private static OtEvent with(OtEvent e, long duration, Outcome outcome, String error) {
        return new OtEvent(e.timestampMicros(), duration, e.flow(), e.protocol(), e.action(), e.category(), outcome,
                error, e.detail());
    }
}
