package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;

import static io.otsoc.collector.protocol.modbus.BigEndian.u16;
import static io.otsoc.collector.protocol.modbus.BigEndian.u8;

/**
 * Decodes Modbus/TCP on one flow: requests travel to the server, responses to the client. Each request waits in a
 * bounded table under its (transaction id, unit id) until its response arrives; the pair becomes one event stamped
 * with the request's time. A request never answered is reported when the flow closes or when it is pushed out of
 * the table, with outcome unknown; a response whose request was not seen (capture started mid-conversation) is
 * reported alone.
 *
 * <p>Until the first valid ADU, bytes that do not start with a valid MBAP header mean the flow is not Modbus;
 * afterwards an invalid header is reported as malformed and the direction resynchronises.
 */
public final class ModbusDecoder implements ProtocolDecoder {

    public static final String PROTOCOL = "modbus";
    /** Requests a client may leave unanswered on one flow before the oldest is reported without its response. */
    public static final int DEFAULT_MAX_PENDING = 32;
    /** The largest PDU the specification allows (function code and data). */
    static final int MAX_PDU = 253;
    /** Bytes scanned for an ADU start after an early gap before deciding the flow is not Modbus. */
    static final int MAX_UNSYNCHRONISED_BEFORE_MODBUS = 2 * MbapFramer.MAX_ADU;

    private final FlowRef flow;
    private final DecoderOutput output;
    private final MbapFramer toServer;
    private final MbapFramer toClient;
    private final PendingTransactions pending;
    /** Holds a response whose request was not seen. */
    private final Transaction unpaired = new Transaction();
    private boolean established;
    private boolean finished;

    public ModbusDecoder(FlowRef flow, DecoderOutput output) {
        this(flow, output, DEFAULT_MAX_PENDING);
    }

    public ModbusDecoder(FlowRef flow, DecoderOutput output, int maxPending) {
        this.flow = flow;
        this.output = output;
        this.pending = new PendingTransactions(maxPending);
        MbapFramer.Listener framing = new Framing();
        this.toServer = new MbapFramer(Direction.TO_SERVER, framing);
        this.toClient = new MbapFramer(Direction.TO_CLIENT, framing);
    }

    @Override
    public void onData(Direction direction, byte[] buf, int offset, int length, long timestampMicros) {
        if (finished || length <= 0) {
            return;
        }
        framer(direction).onData(buf, offset, length, timestampMicros);
    }

    @Override
    public void onGap(Direction direction, long missingBytes, long timestampMicros) {
        if (!finished) {
            framer(direction).onGap();
        }
    }

    @Override
    public void onClose(long timestampMicros) {
        if (finished) {
            return;
        }
        finished = true;
        if (established) {
            reportTruncated(toServer, timestampMicros);
            reportTruncated(toClient, timestampMicros);
        }
        Transaction t;
        while ((t = pending.removeOldest()) != null) {
            report(t);
            pending.release(t);
        }
        toServer.stop();
        toClient.stop();
    }

    /** What the framers find, kept off the decoder's public surface. */
    private final class Framing implements MbapFramer.Listener {

        @Override
        public boolean adu(Direction direction, byte[] b, int off, int len, long ts) {
            return onAdu(direction, b, off, len, ts);
        }

        @Override
        public boolean invalidHeader(Direction direction, String reason, long ts) {
            return onInvalidHeader(direction, reason, ts);
        }

        @Override
        public boolean unsynchronised(Direction direction, long skippedBytes, long ts) {
            return onUnsynchronised(direction, skippedBytes, ts);
        }
    }

    private boolean onAdu(Direction direction, byte[] b, int off, int len, long ts) {
        int fc = u8(b, off + 7);
        if (!established) {
            boolean plausible = direction == Direction.TO_SERVER ? fc >= 1 && fc <= 0x7F : fc != 0 && fc != 0x80;
            if (!plausible) {
                detach(ts, "function code " + fc + " in the first ADU " + directionText(direction)
                        + " is not a Modbus function");
                return false;
            }
            established = true;
        }
        int transactionId = u16(b, off);
        int unitId = u8(b, off + 6);
        if (direction == Direction.TO_SERVER) {
            onRequest(transactionId, unitId, fc, b, off + 7, len - 7, ts);
        } else {
            onResponse(transactionId, unitId, fc, b, off + 7, len - 7, ts);
        }
        return true;
    }

    private boolean onInvalidHeader(Direction direction, String reason, long ts) {
        if (!established) {
            detach(ts, reason + " at the start of the stream " + directionText(direction));
            return false;
        }
        output.malformed(ts, reason + " (" + directionText(direction) + "); resynchronising", null);
        return true;
    }

    private boolean onUnsynchronised(Direction direction, long skippedBytes, long ts) {
        if (!established && skippedBytes > MAX_UNSYNCHRONISED_BEFORE_MODBUS) {
            detach(ts, "no Modbus ADU start found in " + skippedBytes + " bytes " + directionText(direction));
            return false;
        }
        return true;
    }

    // ---- pairing

    private void onRequest(int transactionId, int unitId, int fc, byte[] b, int pdu, int pduLength, long ts) {
        int key = PendingTransactions.key(transactionId, unitId);
        Transaction previous = pending.remove(key);
        if (previous != null) { // the same id again before an answer: the earlier request went unanswered
            report(previous);
            pending.release(previous);
        }
        if (pending.isFull()) {
            Transaction oldest = pending.removeOldest();
            report(oldest);
            pending.release(oldest);
        }
        Transaction t = pending.add();
        t.begin(key, transactionId, unitId, fc, ts);
        t.requestLength = pduLength + 1;
        String problem = RequestPdu.decode(b, pdu, pduLength, t);
        t.requestProblem = pduLength > MAX_PDU ? oversize("request", pduLength) : problem;
    }

    private void onResponse(int transactionId, int unitId, int fc, byte[] b, int pdu, int pduLength, long ts) {
        int key = PendingTransactions.key(transactionId, unitId);
        Transaction t = pending.remove(key);
        if (t != null && t.functionCode != (fc & 0x7F)) { // not the answer to that request: report both apart
            report(t);
            pending.release(t);
            t = null;
        }
        boolean paired = t != null;
        if (!paired) {
            t = unpaired;
            t.begin(key, transactionId, unitId, fc & 0x7F, -1);
        }
        t.responseMicros = ts;
        t.responseLength = pduLength + 1;
        String problem = ResponsePdu.decode(b, pdu, pduLength, t);
        t.responseProblem = pduLength > MAX_PDU ? oversize("response", pduLength) : problem;
        report(t);
        if (paired) {
            pending.release(t);
        }
    }

    /**
     * Sends one transaction on as an event of its operation. If the request or the response broke the
     * specification it goes out as a malformed message of that operation (outcome failure, the problem as its
     * error message), so that a malformed write is still found among the writes.
     */
    private void report(Transaction t) {
        boolean answered = t.responseMicros >= 0;
        long start = t.hasRequest() ? t.requestMicros : t.responseMicros;
        String problem = t.requestProblem != null ? t.requestProblem : t.responseProblem;
        long duration = t.hasRequest() && answered ? Math.max(0, t.responseMicros - t.requestMicros) : -1;
        ModbusFunction function = ModbusFunction.of(t.functionCode, t.meiType);
        ModbusDetail detail = t.toDetail();
        if (problem != null) {
            output.malformed(new OtEvent(start, duration, flow, PROTOCOL, function.action(),
                    function.category(t.subfunctionCode), Outcome.FAILURE, problem, detail));
            return;
        }
        boolean exception = t.exceptionCode != ModbusDetail.ABSENT;
        Outcome outcome = !answered ? Outcome.UNKNOWN : exception ? Outcome.FAILURE : Outcome.SUCCESS;
        output.event(new OtEvent(start, duration, flow, PROTOCOL, function.action(),
                function.category(t.subfunctionCode), outcome,
                exception ? ModbusExceptionCode.message(t.exceptionCode) : null, detail));
    }

    /** Why an ADU whose MBAP length exceeds 254 is malformed, though it was framed (see {@link MbapFramer}). */
    private static String oversize(String side, int pduLength) {
        return side + " ADU: MBAP length " + (pduLength + 1) + " exceeds 254 (a PDU of " + pduLength
                + " bytes, beyond the specification's 253)";
    }

    private void reportTruncated(MbapFramer framer, long ts) {
        int have = framer.bufferedBytes();
        if (have == 0) {
            return;
        }
        byte[] b = framer.partialAdu();
        int expected = framer.expectedBytes();
        String reason = "ADU cut short by the end of the flow: " + have + " of "
                + (expected < 0 ? "at least 7" : String.valueOf(expected)) + " bytes";
        if (have < 8) { // the function code was not reached: the operation is unknown
            output.malformed(framer.partialMicros(), reason, null);
            return;
        }
        Transaction t = unpaired;
        t.begin(0, u16(b, 0), u8(b, 6), u8(b, 7) & 0x7F, -1);
        if (t.functionCode == 43 && have >= 9) {
            t.meiType = u8(b, 8);
        }
        if (framer == toServer) {
            t.requestLength = u16(b, 4);
        } else {
            t.responseLength = u16(b, 4);
        }
        ModbusFunction function = ModbusFunction.of(t.functionCode, t.meiType);
        output.malformed(new OtEvent(framer.partialMicros(), -1, flow, PROTOCOL, function.action(),
                function.category(ModbusDetail.ABSENT), Outcome.FAILURE, reason, t.toDetail()));
    }

    private void detach(long ts, String reason) {
        finished = true;
        toServer.stop();
        toClient.stop();
        output.notThisProtocol(ts, reason);
    }

    private MbapFramer framer(Direction direction) {
        return direction == Direction.TO_SERVER ? toServer : toClient;
    }

    private static String directionText(Direction direction) {
        return direction == Direction.TO_SERVER ? "to the server" : "to the client";
    }

    /** Requests waiting for a response (bounded by the table's capacity). */
    int pendingCount() {
        return pending.size();
    }

    /** Bytes of an incomplete ADU held for {@code direction} (at most 260). */
    int bufferedBytes(Direction direction) {
        return framer(direction).bufferedBytes();
    }
}
