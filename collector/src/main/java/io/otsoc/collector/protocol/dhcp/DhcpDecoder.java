package io.otsoc.collector.protocol.dhcp;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes DHCP/BOOTP on one UDP flow, one event per message, named by its message type ({@code discover},
 * {@code offer}, {@code request}, {@code ack}, {@code nak}, {@code release}, {@code inform}, {@code decline}...).
 *
 * <p>One event per message rather than one per exchange: a DHCP exchange spans flows (the client sends from
 * 0.0.0.0 to the broadcast address, the server answers to the broadcast address or to the offered address), so
 * no flow sees it whole, and each message says something of its own (who asked, what was offered, to whom). The
 * transaction id ({@code otsoc.dhcp.transaction_id}) ties an exchange together downstream. Where a reply comes on
 * the flow of its request (unicast renewals, INFORM), it is paired by transaction id and its event carries the
 * time since the request as its duration.
 */
public final class DhcpDecoder implements ProtocolDecoder {

    public static final String PROTOCOL = "dhcp";
    /** Client transactions remembered per flow for pairing replies. */
    static final int MAX_PENDING = 64;

    private final FlowRef flow;
    private final DecoderOutput output;
    private final LinkedHashMap<Long, Long> pending = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > MAX_PENDING;
        }
    };

    public DhcpDecoder(FlowRef flow, DecoderOutput output) {
        this.flow = flow;
        this.output = output;
    }

    @Override
    public void onData(Direction direction, byte[] buf, int offset, int length, long timestampMicros) {
        DhcpMessage m = DhcpMessage.parse(buf, offset, length);
        if (m.op < 0) {
            output.malformed(timestampMicros, m.error, null);
            return;
        }
        DhcpDetail detail = new DhcpDetail(m);
        if (m.error != null) {
            String known = DhcpMessageType.name(m.options.messageType);
            if (known == null) {
                // the operation is unknown: a bad op, an undefined type, or options broken before option 53
                output.malformed(timestampMicros, m.error, detail);
            } else {
                output.malformed(new OtEvent(timestampMicros, -1, flow, PROTOCOL, known, EventCategory.DISCOVERY,
                        Outcome.FAILURE, m.error, detail, true));
            }
            return;
        }
        String action = m.action();
        long duration = -1;
        if (m.op == 1) {
            pending.putIfAbsent(m.xid, timestampMicros);
        } else {
            Long asked = pending.get(m.xid);
            if (asked != null && timestampMicros >= asked) {
                duration = timestampMicros - asked;
            }
            if (isFinal(m.options.messageType)) {
                pending.remove(m.xid);
            }
        }
        Outcome outcome = m.options.messageType == 6 ? Outcome.FAILURE : Outcome.SUCCESS;
        output.event(new OtEvent(timestampMicros, duration, flow, PROTOCOL, action, EventCategory.DISCOVERY, outcome,
                outcome == Outcome.FAILURE ? nakMessage(m) : null, detail));
    }

    private static String nakMessage(DhcpMessage m) {
        return m.options.message != null ? "DHCP NAK: " + m.options.message : "DHCP NAK";
    }

    /** ACK and NAK end a transaction; an OFFER may be followed by the ACK of the same transaction id. */
    private static boolean isFinal(int type) {
        return type == 5 || type == 6;
    }

    /** Transactions awaiting a reply on this flow. */
    public int pendingCount() {
        return pending.size();
    }

    @Override
    public void onGap(Direction direction, long missingBytes, long timestampMicros) {
        // UDP: no gaps
    }

    @Override
    public void onClose(long timestampMicros) {
        pending.clear();
    }
}
