package io.otsoc.collector.protocol.bacnet;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.otsoc.collector.protocol.bacnet.BacnetFraming.ABORT;
import static io.otsoc.collector.protocol.bacnet.BacnetFraming.COMPLEX_ACK;
import static io.otsoc.collector.protocol.bacnet.BacnetFraming.CONFIRMED_REQUEST;
import static io.otsoc.collector.protocol.bacnet.BacnetFraming.ERROR;
import static io.otsoc.collector.protocol.bacnet.BacnetFraming.REJECT;
import static io.otsoc.collector.protocol.bacnet.BacnetFraming.SEGMENT_ACK;
import static io.otsoc.collector.protocol.bacnet.BacnetFraming.UNCONFIRMED_REQUEST;
import static io.otsoc.collector.protocol.bacnet.BacnetMessage.ABSENT;

/**
 * Decodes BACnet/IP on one UDP flow: each datagram is one BVLL message (ANSI/ASHRAE 135 Annex J). Confirmed
 * requests wait for the answer with the same invoke id from the other end and are reported with it (duration and
 * outcome); unconfirmed requests, network-layer messages, BVLC messages and segment acks are reported alone.
 * Segmented messages are joined before their service is read. The pending table is bounded.
 */
public final class BacnetDecoder implements ProtocolDecoder {

    public static final String PROTOCOL = "bacnet";

    /** Confirmed requests waiting for an answer on one flow; the oldest is reported unanswered when full. */
    static final int MAX_PENDING = 256;

    private record Pending(BacnetMessage request, long timestampMicros) {
    }

    private final FlowRef flow;
    private final DecoderOutput output;
    private final Map<Integer, Pending> pending = new LinkedHashMap<>();
    private final SegmentAssembler segments = new SegmentAssembler();
    private boolean seenBacnet;
    /** Said not-this-protocol: the flow is not BACnet, and nothing more is reported on it. */
    private boolean disowned;

    public BacnetDecoder(FlowRef flow, DecoderOutput output) {
        this.flow = flow;
        this.output = output;
    }

    @Override
    public void onData(Direction direction, byte[] buf, int offset, int length, long ts) {
        if (disowned) {
            return;
        }
        BacnetFraming.Frame frame = BacnetFraming.read(buf, offset, length, direction == Direction.TO_SERVER);
        BacnetMessage m = frame.message();
        if (frame.error() != null) {
            if (!seenBacnet && (length < 1 || (buf[offset] & 0xFF) != BacnetFraming.BVLC_TYPE)) {
                disowned = true;
                output.notThisProtocol(ts, frame.error());
                return;
            }
            seenBacnet = true;
            output.malformed(ts, frame.error(), m.bvlcFunction == ABSENT ? null : new BacnetDetail(m, null));
            return;
        }
        seenBacnet = true;
        if (frame.bodyOffset() < 0) {
            Outcome outcome = bvlcOutcome(m);
            single(m, ts, bvlcOrNetworkAction(m), bvlcOrNetworkCategory(m), outcome,
                    outcome == Outcome.FAILURE ? bvlcResultError(m.bvlcResultCode) : null);
            return;
        }
        if (m.segmented && (m.pduType == CONFIRMED_REQUEST || m.pduType == COMPLEX_ACK)) {
            SegmentAssembler.Result r = segments.add(m, buf, frame.bodyOffset(), frame.bodyEnd(), ts);
            if (r.dropped() != null) {
                unfinished(r.dropped(), ts);
            }
            if (r.problem() != null) {
                output.malformed(ts, r.problem(), new BacnetDetail(m, null));
            }
            SegmentAssembler.Assembly a = r.complete();
            if (a == null) {
                return;
            }
            BacnetMessage whole = a.first;
            whole.moreFollows = false;
            whole.segmentCount = a.segments;
            ServiceParser.parse(whole, a.body, 0, a.length);
            apdu(whole, m.pduType == CONFIRMED_REQUEST ? a.timestampMicros : ts);
            return;
        }
        ServiceParser.parse(m, buf, frame.bodyOffset(), frame.bodyEnd());
        apdu(m, ts);
    }

    private void apdu(BacnetMessage m, long ts) {
        switch (m.pduType) {
            case CONFIRMED_REQUEST -> {
                int key = key(m.fromClient, m.invokeId);
                Pending old = pending.remove(key);
                if (old != null) {
                    unanswered(old); // a retry or a reused invoke id
                }
                if (pending.size() >= MAX_PENDING) {
                    Iterator<Pending> it = pending.values().iterator();
                    Pending oldest = it.next();
                    it.remove();
                    unanswered(oldest);
                }
                pending.put(key, new Pending(m, ts));
            }
            case UNCONFIRMED_REQUEST -> single(m, ts, BacnetService.unconfirmedName(m.serviceChoice),
                    BacnetService.unconfirmedCategory(m.serviceChoice), Outcome.UNKNOWN, null);
            case SEGMENT_ACK -> single(m, ts, "segment_ack", EventCategory.OTHER,
                    m.negativeAck ? Outcome.FAILURE : Outcome.UNKNOWN,
                    m.negativeAck ? "segment " + m.sequenceNumber + " negatively acknowledged" : null);
            default -> response(m, ts);
        }
    }

    private void response(BacnetMessage m, long ts) {
        Pending p = pending.remove(key(!m.fromClient, m.invokeId));
        BacnetMessage request = p == null ? null : p.request();
        int choice = request != null ? request.serviceChoice : m.serviceChoice;
        String action;
        EventCategory category;
        if (choice == ABSENT) { // a reject or abort whose request was not seen
            action = m.pduType == REJECT ? "reject" : "abort";
            category = EventCategory.OTHER;
        } else {
            action = BacnetService.confirmedName(choice);
            category = BacnetService.confirmedCategory(choice);
        }
        String error = failure(m);
        emit(new OtEvent(p == null ? ts : p.timestampMicros(), p == null ? -1 : ts - p.timestampMicros(), flow,
                PROTOCOL, action, category, error == null ? Outcome.SUCCESS : Outcome.FAILURE, error,
                new BacnetDetail(request, m)));
    }

    private static String failure(BacnetMessage m) {
        return switch (m.pduType) {
            case ERROR -> BacnetEnums.errorClass(m.errorClass) + ": "
                    + (m.errorCode == ABSENT ? "-" : BacnetNames.errorCode(m.errorCode));
            case REJECT -> "rejected: " + BacnetEnums.rejectReason(m.rejectReason);
            case ABORT -> "aborted: " + BacnetEnums.abortReason(m.abortReason);
            default -> null;
        };
    }

    private void single(BacnetMessage m, long ts, String action, EventCategory category, Outcome outcome,
                        String error) {
        emit(new OtEvent(ts, -1, flow, PROTOCOL, action, category, outcome, error, new BacnetDetail(m, null)));
    }

    private void unanswered(Pending p) {
        BacnetMessage m = p.request();
        emit(new OtEvent(p.timestampMicros(), -1, flow, PROTOCOL, BacnetService.confirmedName(m.serviceChoice),
                BacnetService.confirmedCategory(m.serviceChoice), Outcome.UNKNOWN, null, new BacnetDetail(m, null)));
    }

    private void unfinished(SegmentAssembler.Assembly a, long ts) {
        BacnetMessage m = a.first;
        m.segmentCount = a.segments;
        String service = BacnetService.confirmedName(m.serviceChoice);
        output.malformed(new OtEvent(a.timestampMicros, -1, flow, PROTOCOL, service,
                BacnetService.confirmedCategory(m.serviceChoice), Outcome.FAILURE,
                "segmented " + BacnetFraming.PDU_TYPES[m.pduType] + " of " + service + " (invoke id " + m.invokeId
                        + ") ended after " + a.segments + " segments without its last", new BacnetDetail(m, null),
                true));
    }

    /** Sends the event; one whose request or response broke the rules is reported malformed, saying which. */
    private void emit(OtEvent e) {
        String problem = e.detail() instanceof BacnetDetail d ? problem(d) : null;
        if (problem == null) {
            output.event(e);
            return;
        }
        String message = e.errorMessage() == null ? problem : problem + "; " + e.errorMessage();
        output.malformed(new OtEvent(e.timestampMicros(), e.durationMicros(), e.flow(), e.protocol(), e.action(),
                e.category(), Outcome.FAILURE, message, e.detail(), true));
    }

    private static String problem(BacnetDetail d) {
        String request = d.request() == null ? null : d.request().problem;
        String response = d.response() == null ? null : d.response().problem;
        if (request != null && response != null) {
            return "request: " + request + "; response: " + response;
        }
        if (request != null) {
            return d.response() == null ? request : "request: " + request;
        }
        return response == null ? null : d.request() == null ? response : "response: " + response;
    }

    @Override
    public void onGap(Direction direction, long missingBytes, long ts) {
        // UDP: each datagram stands alone
    }

    @Override
    public void onClose(long ts) {
        List<Pending> left = new ArrayList<>(pending.values());
        pending.clear();
        left.forEach(this::unanswered);
        for (SegmentAssembler.Assembly a : segments.drain()) {
            unfinished(a, ts);
        }
    }

    /** Requests waiting for an answer (for tests of the bound). */
    int pendingCount() {
        return pending.size();
    }

    private static int key(boolean requesterIsClient, int invokeId) {
        return (requesterIsClient ? 0x100 : 0) | (invokeId & 0xFF);
    }

    private static String bvlcOrNetworkAction(BacnetMessage m) {
        if (m.networkMessageType != ABSENT) {
            return m.networkMessageType < BacnetFraming.NETWORK_MESSAGES.length
                    ? BacnetFraming.NETWORK_MESSAGES[m.networkMessageType]
                    : m.networkMessageType >= 0x80 ? "proprietary_network_message" : "unknown_network_message";
        }
        return BacnetFraming.BVLC_NAMES[m.bvlcFunction];
    }

    private static EventCategory bvlcOrNetworkCategory(BacnetMessage m) {
        if (m.networkMessageType != ABSENT) {
            return m.networkMessageType <= 0x02 || m.networkMessageType == 0x12 || m.networkMessageType == 0x13
                    ? EventCategory.DISCOVERY : EventCategory.OTHER;
        }
        return switch (m.bvlcFunction) {
            case BacnetFraming.WRITE_BDT, BacnetFraming.DELETE_FDT_ENTRY -> EventCategory.WRITE;
            case BacnetFraming.READ_BDT, BacnetFraming.READ_BDT_ACK, BacnetFraming.READ_FDT,
                    BacnetFraming.READ_FDT_ACK -> EventCategory.READ;
            default -> EventCategory.OTHER;
        };
    }

    /** Why a BVLC-Result says no, by its result code (ASHRAE 135 Annex J.2.1.1). */
    static String bvlcResultError(int code) {
        String refused = switch (code) {
            case 0x0010 -> "Write-Broadcast-Distribution-Table";
            case 0x0020 -> "Read-Broadcast-Distribution-Table";
            case 0x0030 -> "Register-Foreign-Device";
            case 0x0040 -> "Read-Foreign-Device-Table";
            case 0x0050 -> "Delete-Foreign-Device-Table-Entry";
            case 0x0060 -> "Distribute-Broadcast-To-Network";
            default -> null;
        };
        String hex = String.format("0x%04X", code);
        return refused != null ? "BVLC-Result " + hex + ": " + refused + " NAK"
                : "BVLC-Result " + hex + " is not a defined result code";
    }

    private static Outcome bvlcOutcome(BacnetMessage m) {
        if (m.bvlcFunction == BacnetFraming.BVLC_RESULT && m.networkMessageType == ABSENT) {
            return m.bvlcResultCode == 0 ? Outcome.SUCCESS : Outcome.FAILURE;
        }
        return Outcome.UNKNOWN;
    }
}
