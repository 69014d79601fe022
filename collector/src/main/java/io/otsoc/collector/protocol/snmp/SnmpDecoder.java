package io.otsoc.collector.protocol.snmp;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes SNMP v1, v2c and v3 on one UDP flow, one message per datagram. A request (Get, GetNext, GetBulk, Set,
 * Inform) waits under its request id for the GetResponse (or SNMPv3 Report) that comes back the other way; the
 * pair is one event stamped with the request's time, failed when the error status is not noError or the answer
 * is a Report. An SNMPv3 message whose scoped PDU is encrypted is paired by msgID instead (RFC 3412 section 7.2:
 * the response reuses the request's msgID), a reportable one being the request. Traps and responses without a
 * request are reported alone. At most {@link #MAX_PENDING} requests wait per flow; the oldest is then reported
 * unanswered.
 */
public final class SnmpDecoder implements ProtocolDecoder {

    public static final String PROTOCOL = "snmp";
    public static final int MAX_PENDING = 64;

    private record Key(boolean encrypted, long id) {
    }

    private record Pending(SnmpMessage message, Direction direction, long timestampMicros) {
    }

    private final FlowRef flow;
    private final DecoderOutput output;
    private final int maxPending;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();
    private boolean closed;

    public SnmpDecoder(FlowRef flow, DecoderOutput output) {
        this(flow, output, MAX_PENDING);
    }

    SnmpDecoder(FlowRef flow, DecoderOutput output, int maxPending) {
        this.flow = flow;
        this.output = output;
        this.maxPending = Math.max(1, maxPending);
    }

    int pendingCount() {
        return pending.size();
    }

    @Override
    public void onData(Direction direction, byte[] buf, int offset, int length, long timestampMicros) {
        if (closed || length <= 0) {
            return;
        }
        SnmpParser parser = new SnmpParser();
        SnmpMessage message;
        try {
            message = parser.parse(buf, offset, length);
        } catch (BerException e) {
            malformed(parser, e.getMessage(), length, timestampMicros);
            return;
        }
        onMessage(message, direction, timestampMicros);
    }

    @Override
    public void onGap(Direction direction, long missingBytes, long timestampMicros) {
        // datagrams: nothing partial to drop
    }

    @Override
    public void onClose(long timestampMicros) {
        if (closed) {
            return;
        }
        closed = true;
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            it.remove();
            unanswered(p);
        }
    }

    private void onMessage(SnmpMessage m, Direction direction, long ts) {
        if (m.encrypted()) {
            Key key = new Key(true, m.usm().msgId());
            if (m.usm().reportable()) {
                await(key, m, direction, ts);
            } else {
                answer(key, m, direction, ts);
            }
            return;
        }
        PduType type = m.pdu().type();
        Key key = new Key(false, m.pdu().requestId());
        if (type.expectsResponse) {
            await(key, m, direction, ts);
        } else if (type.isResponse()) {
            Pending byRequestId = pending.get(key);
            if (type == PduType.REPORT && (byRequestId == null || byRequestId.direction() == direction)
                    && m.usm() != null) {
                // a Report in clear (e.g. usmStatsNotInTimeWindows) may answer an encrypted request, whose request
                // id the agent could not read: it carries the request's msgID (RFC 3412 section 7.1, step 3)
                Key byMsgId = new Key(true, m.usm().msgId());
                Pending encrypted = pending.get(byMsgId);
                if (encrypted != null && encrypted.direction() != direction) {
                    key = byMsgId;
                }
            }
            answer(key, m, direction, ts);
        } else {
            emit(ts, -1, new SnmpDetail(m, null, false), Outcome.UNKNOWN, null);
        }
    }

    private void await(Key key, SnmpMessage m, Direction direction, long ts) {
        Pending old = pending.remove(key);
        if (old != null) {
            unanswered(old); // a retry under the same id: the earlier copy was not answered before it
        }
        if (pending.size() >= maxPending) {
            Iterator<Pending> it = pending.values().iterator();
            Pending oldest = it.next();
            it.remove();
            unanswered(oldest);
        }
        pending.put(key, new Pending(m, direction, ts));
    }

    private void answer(Key key, SnmpMessage m, Direction direction, long ts) {
        Pending p = pending.get(key);
        if (p == null || p.direction() == direction) {
            SnmpDetail detail = new SnmpDetail(null, m, direction == Direction.TO_CLIENT);
            emit(ts, -1, detail, outcome(m), error(m));
            return;
        }
        pending.remove(key);
        SnmpDetail detail = new SnmpDetail(p.message(), m, direction == Direction.TO_CLIENT);
        emit(p.timestampMicros(), Math.max(0, ts - p.timestampMicros()), detail, outcome(m), error(m));
    }

    private void unanswered(Pending p) {
        emit(p.timestampMicros(), -1, new SnmpDetail(p.message(), null, false), Outcome.UNKNOWN, null);
    }

    private static Outcome outcome(SnmpMessage response) {
        if (response.encrypted()) {
            return Outcome.UNKNOWN;
        }
        Pdu pdu = response.pdu();
        return pdu.type() == PduType.REPORT || pdu.errorStatus() != 0 ? Outcome.FAILURE : Outcome.SUCCESS;
    }

    private static String error(SnmpMessage response) {
        if (response.encrypted()) {
            return null;
        }
        Pdu pdu = response.pdu();
        if (pdu.type() == PduType.REPORT) {
            String oid = pdu.varbinds().isEmpty() ? null : pdu.varbinds().get(0).oid();
            return "SNMPv3 report" + (oid == null ? "" : " " + oid + Reports.name(oid));
        }
        if (pdu.errorStatus() != 0) {
            return "SNMP error status " + ErrorStatus.name(pdu.errorStatus()) + " (" + pdu.errorStatus()
                    + ") at variable binding " + pdu.errorIndex();
        }
        return null;
    }

    private void emit(long ts, long duration, SnmpDetail detail, Outcome outcome, String error) {
        SnmpMessage head = detail.head();
        String action;
        EventCategory category;
        if (head.encrypted()) {
            action = PduType.ENCRYPTED_ACTION;
            category = EventCategory.OTHER;
        } else {
            action = head.pdu().type().actionName;
            category = head.pdu().type().category;
        }
        output.event(new OtEvent(ts, duration, flow, PROTOCOL, action, category, outcome, error, detail));
    }

    private void malformed(SnmpParser parser, String reason, int length, long ts) {
        String message = "SNMP " + reason + " (" + length + "-byte datagram)";
        if (parser.pduType == null) {
            output.malformed(ts, message, null);
            return;
        }
        // the operation is known: report it as such, with what was read
        Pdu pdu = new Pdu(parser.pduType, SnmpDetail.ABSENT, SnmpDetail.ABSENT, SnmpDetail.ABSENT, null, null,
                SnmpDetail.ABSENT, SnmpDetail.ABSENT, SnmpDetail.ABSENT, 0, java.util.List.of());
        SnmpMessage partial = new SnmpMessage(parser.version, parser.community, null, pdu);
        SnmpDetail detail = parser.pduType.isResponse() ? new SnmpDetail(null, partial, true)
                : new SnmpDetail(partial, null, false);
        output.malformed(new OtEvent(ts, -1, flow, PROTOCOL, parser.pduType.actionName, parser.pduType.category,
                Outcome.FAILURE, message, detail, true));
    }
}
