package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

/**
 * Decodes EtherNet/IP (CIP Vol. 2) on one TCP or UDP flow, and the CIP explicit messages it carries (CIP Vol. 1).
 *
 * <p><b>Two protocol names.</b> The encapsulation and the CIP messages inside it are two layers that analysts
 * search separately (ICSNPP writes enip.log and cip.log, Wireshark has the enip and cip dissectors): an exchange
 * that carries no CIP message (ListIdentity, ListServices, RegisterSession, UnregisterSession...) is reported as
 * {@code network.protocol: enip} with the command's name as its action; a SendRRData/SendUnitData carrying a CIP
 * request and its response is reported as {@code network.protocol: cip} with the CIP service's name as its action
 * ({@code get_attribute_single}, {@code forward_open}, {@code read_tag}...), so that a CIP write looks like a CIP
 * write whichever encapsulation command carried it, and class 0/1 I/O ({@link CipIoDecoder}) sits beside it under
 * {@code cip}. The encapsulation command and session handle of a CIP exchange are in its detail.
 *
 * <p><b>Framing.</b> Over TCP each direction is cut into messages by the header's length, across segments and
 * several per segment; the flow is taken to be in step once a segment starts with a header a conforming device
 * would send, and after a gap or a header that cannot frame a message, it is taken again at the next segment that
 * starts with such a header. Over UDP each datagram is one message. Nothing is buffered beyond one message
 * ({@value EncapsulationHeader#MAX_LENGTH} bytes of data) per direction.
 *
 * <p><b>Pairing.</b> Unconnected requests (SendRRData) are answered in order on their session: a response goes to
 * the oldest waiting request it can answer. Connected requests (SendUnitData) are paired by their CIP sequence
 * count. A Multiple Service Packet is reported as itself and as one event per embedded service, each paired with
 * the reply at its position; an Unconnected Send is reported as the service it routes. At most
 * {@value #MAX_PENDING} requests wait per kind; the oldest is reported unanswered when more come.
 */
public final class EnipDecoder implements ProtocolDecoder {

    public static final String PROTOCOL = "enip";
    public static final String CIP = "cip";
    static final int MAX_PENDING = 32;
    /** Bytes skipped while looking for a first header before the flow is declared not EtherNet/IP. */
    static final int MAX_UNSYNCED = 256 * 1024;

    private record PendingEncapsulation(EncapsulationHeader header, long ts, int protocolVersion) {
    }

    /** A CIP request waiting for its response. */
    private record Pending(CipRequest request, EncapsulationHeader header, long ts, boolean connected,
                           long connectionId, int sequence, int timeout) {
    }

    private final FlowRef flow;
    private final DecoderOutput output;
    private final boolean udp;
    private final Stream toServer = new Stream(Direction.TO_SERVER);
    private final Stream toClient = new Stream(Direction.TO_CLIENT);
    private final CommonPacketFormat cpf = new CommonPacketFormat();
    private final ArrayDeque<PendingEncapsulation> encapsulation = new ArrayDeque<>();
    private final ArrayDeque<Pending> unconnected = new ArrayDeque<>();
    /** Connected requests waiting, oldest first: at most {@value #MAX_PENDING}, so a scan beats hashing boxed keys. */
    private final ArrayDeque<Pending> connected = new ArrayDeque<>();
    private boolean established;
    private boolean finished;
    private long unsynced;
    /** The SendRRData/SendUnitData timeout of the response being reported. */
    private int responseTimeout = -1;

    public EnipDecoder(FlowRef flow, DecoderOutput output) {
        this.flow = flow;
        this.output = output;
        this.udp = "udp".equals(flow.transport());
    }

    @Override
    public void onData(Direction direction, byte[] buf, int offset, int length, long timestampMicros) {
        if (finished || length <= 0) {
            return;
        }
        if (udp) {
            onDatagram(direction, buf, offset, length, timestampMicros);
        } else {
            stream(direction).feed(buf, offset, length, timestampMicros);
        }
    }

    @Override
    public void onGap(Direction direction, long missingBytes, long timestampMicros) {
        if (!finished && !udp) {
            stream(direction).lose();
        }
    }

    @Override
    public void onClose(long timestampMicros) {
        if (finished) {
            return;
        }
        finished = true;
        toServer.reportTruncated();
        toClient.reportTruncated();
        while (!encapsulation.isEmpty()) {
            emitEncapsulation(encapsulation.pollFirst(), null, 0, null, null);
        }
        while (!unconnected.isEmpty()) {
            emitExchange(unconnected.pollFirst(), null, null, 0, null);
        }
        while (!connected.isEmpty()) {
            emitExchange(connected.pollFirst(), null, null, 0, null);
        }
    }

    /** Requests waiting for a response, of every kind (for tests). */
    int pendingCount() {
        return encapsulation.size() + unconnected.size() + connected.size();
    }

    /** Bytes held for a message not yet complete in this direction (for tests). */
    int bufferedBytes(Direction direction) {
        return stream(direction).have;
    }

    /** Capacity of this direction's message buffer (for tests). */
    int bufferCapacity(Direction direction) {
        return stream(direction).message.length;
    }

    private Stream stream(Direction direction) {
        return direction == Direction.TO_SERVER ? toServer : toClient;
    }

    // ---------------------------------------------------------------- framing

    private void onDatagram(Direction dir, byte[] b, int off, int len, long ts) {
        String problem = null;
        if (len < EncapsulationHeader.SIZE) {
            problem = "EtherNet/IP datagram of " + len + " bytes is shorter than the 24-byte encapsulation header";
        } else if (!EncapsulationHeader.frames(b, off)) {
            problem = "EtherNet/IP datagram starts with the undefined command 0x"
                    + Integer.toHexString(Le.u16(b, off));
        } else if (EncapsulationHeader.SIZE + Le.u16(b, off + 2) > len) {
            problem = "EtherNet/IP encapsulation length " + Le.u16(b, off + 2) + " exceeds the "
                    + (len - EncapsulationHeader.SIZE) + " bytes after the header in the datagram";
        } else if (!established && EncapsulationHeader.implausible(b, off, dir == Direction.TO_SERVER) != null) {
            problem = "EtherNet/IP " + EncapsulationHeader.implausible(b, off, dir == Direction.TO_SERVER);
        }
        if (problem != null) {
            if (established) {
                output.malformed(ts, problem, null);
            } else {
                detach(ts, problem);
            }
            return;
        }
        int total = EncapsulationHeader.SIZE + Le.u16(b, off + 2);
        onMessage(dir, b, off, total, ts);
        if (total < len && !finished) {
            output.malformed(ts, "EtherNet/IP datagram holds " + (len - total) + " bytes after its "
                    + total + "-byte message", null);
        }
    }

    /** One direction of a TCP flow: cuts its bytes into encapsulation messages. */
    private final class Stream {
        private final Direction direction;
        private byte[] message = new byte[256];
        private int have;
        private int need;
        private long messageTs;
        /** Waiting for a segment that starts with a plausible header. */
        private boolean searching = true;

        Stream(Direction direction) {
            this.direction = direction;
        }

        void lose() {
            have = 0;
            need = 0;
            searching = true;
        }

        void feed(byte[] b, int off, int len, long ts) {
            int end = off + len;
            if (searching) {
                // out of step: only a header at the start of a segment (perhaps split over a few) is taken
                if (have == 0) {
                    messageTs = ts;
                }
                int n = Math.min(EncapsulationHeader.SIZE - have, len);
                System.arraycopy(b, off, message, have, n);
                have += n;
                off += n;
                if (have < EncapsulationHeader.SIZE) {
                    if (!couldStart(have)) {
                        have = 0;
                        skip(len, ts);
                    }
                    return;
                }
                if (!EncapsulationHeader.frames(message, 0)
                        || EncapsulationHeader.implausible(message, 0, direction == Direction.TO_SERVER) != null) {
                    have = 0;
                    skip(len, ts);
                    return;
                }
                searching = false;
                beginBody();
            }
            while (!finished) {
                if (need > 0 && have == need) {
                    int total = need;
                    have = 0;
                    need = 0;
                    onMessage(direction, message, 0, total, messageTs);
                    continue;
                }
                if (off >= end) {
                    return;
                }
                if (have == 0) {
                    int left = end - off;
                    if (left >= EncapsulationHeader.SIZE) {
                        if (!EncapsulationHeader.frames(b, off)) {
                            lostStep(b, off, ts);
                            return;
                        }
                        int total = EncapsulationHeader.SIZE + Le.u16(b, off + 2);
                        if (left >= total) {
                            onMessage(direction, b, off, total, ts);
                            off += total;
                            continue;
                        }
                    }
                    messageTs = ts;
                }
                if (need == 0) {
                    int n = Math.min(EncapsulationHeader.SIZE - have, end - off);
                    System.arraycopy(b, off, message, have, n);
                    have += n;
                    off += n;
                    if (have < EncapsulationHeader.SIZE) {
                        return;
                    }
                    if (!EncapsulationHeader.frames(message, 0)) {
                        lostStep(message, 0, ts);
                        return;
                    }
                    beginBody();
                    continue;
                }
                int n = Math.min(need - have, end - off);
                System.arraycopy(b, off, message, have, n);
                have += n;
                off += n;
            }
        }

        /** Whether the first {@code n} (fewer than 24) bytes held can begin a header. */
        private boolean couldStart(int n) {
            return (n < 2 || EnipCommand.known(Le.u16(message, 0)))
                    && (n < 4 || Le.u16(message, 2) <= EncapsulationHeader.MAX_LENGTH);
        }

        /** The header held is good: how long the message is, and room for it. */
        private void beginBody() {
            need = EncapsulationHeader.SIZE + Le.u16(message, 2);
            if (message.length < need) {
                message = java.util.Arrays.copyOf(message, Math.max(need, Math.min(2 * message.length,
                        EncapsulationHeader.SIZE + EncapsulationHeader.MAX_LENGTH)));
            }
        }

        private void skip(int len, long ts) {
            if (!established) {
                unsynced += len;
                if (unsynced > MAX_UNSYNCED) {
                    detach(ts, "no EtherNet/IP encapsulation header at the start of a segment in the first "
                            + unsynced + " bytes");
                }
            }
        }

        private void lostStep(byte[] b, int off, long ts) {
            output.malformed(ts, "EtherNet/IP header with the undefined command 0x"
                    + Integer.toHexString(Le.u16(b, off)) + " and length " + Le.u16(b, off + 2)
                    + " cannot start a message; skipping to a segment that starts one", null);
            lose();
        }

        void reportTruncated() {
            if (have > 0 && !searching) {
                output.malformed(messageTs, "EtherNet/IP message cut short by the end of the flow: " + have
                        + " of " + (need == 0 ? "at least 24" : String.valueOf(need)) + " bytes", null);
            }
            have = 0;
        }
    }

    private void detach(long ts, String reason) {
        finished = true;
        output.notThisProtocol(ts, reason);
    }

    // ---------------------------------------------------------------- encapsulation

    private void onMessage(Direction dir, byte[] b, int off, int total, long ts) {
        established = true;
        EncapsulationHeader h = EncapsulationHeader.read(b, off);
        int body = off + EncapsulationHeader.SIZE;
        int length = total - EncapsulationHeader.SIZE;
        switch (h.command()) {
            case EnipCommand.NOP -> { } // no reply, ignored by the receiver (2-4.1)
            case EnipCommand.SEND_RR_DATA, EnipCommand.SEND_UNIT_DATA -> onSendData(dir, h, b, body, length, ts);
            default -> onEncapsulation(dir, h, b, body, length, ts);
        }
    }

    private boolean isRequest(Direction dir, EncapsulationHeader h) {
        int c = h.command();
        if (udp && (c == EnipCommand.LIST_IDENTITY || c == EnipCommand.LIST_SERVICES
                || c == EnipCommand.LIST_INTERFACES)) {
            return h.length() == 0; // over UDP both ends may use port 44818: the reply is the one with items
        }
        return dir == Direction.TO_SERVER;
    }

    private void onEncapsulation(Direction dir, EncapsulationHeader h, byte[] b, int body, int length, long ts) {
        int c = h.command();
        int version = c == EnipCommand.REGISTER_SESSION && length >= 4 ? Le.u16(b, body) : -1;
        if (isRequest(dir, h)) {
            PendingEncapsulation p = new PendingEncapsulation(h, ts, version);
            if (c == EnipCommand.UNREGISTER_SESSION || c == EnipCommand.INDICATE_STATUS || c == EnipCommand.CANCEL) {
                emitEncapsulation(p, null, 0, null, null, -1); // no reply is sent
                return;
            }
            if (encapsulation.size() >= MAX_PENDING) {
                emitEncapsulation(encapsulation.pollFirst(), null, 0, null, null);
            }
            encapsulation.addLast(p);
            return;
        }
        PendingEncapsulation request = null;
        for (Iterator<PendingEncapsulation> it = encapsulation.iterator(); it.hasNext(); ) {
            PendingEncapsulation p = it.next();
            if (p.header.command() == c) {
                it.remove();
                request = p;
                break;
            }
        }
        String problem = null;
        if (h.status() == 0 && (c == EnipCommand.LIST_IDENTITY || c == EnipCommand.LIST_SERVICES
                || c == EnipCommand.LIST_INTERFACES) && length > 0) {
            if (!cpf.read(b, body, length)) {
                problem = EnipCommand.display(c) + " reply: " + cpf.problem;
            }
        } else {
            cpf.read(b, body, 0);
        }
        if (c == EnipCommand.REGISTER_SESSION && h.status() == 0 && length < 4) {
            problem = "RegisterSession reply of " + length + " bytes lacks its protocol version";
        }
        emitEncapsulation(request, h, ts, dir, problem == null ? null : "EtherNet/IP " + problem, version);
    }

    private void emitEncapsulation(PendingEncapsulation request, EncapsulationHeader response, long responseTs,
                                   Direction responseDir, String problem) {
        emitEncapsulation(request, response, responseTs, responseDir, problem, -1);
    }

    private void emitEncapsulation(PendingEncapsulation request, EncapsulationHeader response, long responseTs,
                                   Direction responseDir, String problem, int responseVersion) {
        EncapsulationHeader h = response != null ? response : request.header;
        int c = h.command();
        int version = responseVersion >= 0 ? responseVersion : request != null ? request.protocolVersion : -1;
        CipIdentity identity = null;
        List<String> services = null;
        if (response != null) {
            identity = cpf.identity;
            services = cpf.services;
        }
        long ts = request != null ? request.ts : responseTs;
        long duration = request != null && response != null ? Math.max(0, responseTs - request.ts) : -1;
        Outcome outcome = response == null ? Outcome.UNKNOWN : response.status() == 0 ? Outcome.SUCCESS
                : Outcome.FAILURE;
        String error = response != null && response.status() != 0 ? EnipCommand.statusText(response.status()) : null;
        AssetFacts.Side side = responseDir == null ? null
                : responseDir == Direction.TO_CLIENT ? AssetFacts.Side.SERVER : AssetFacts.Side.CLIENT;
        EnipDetail detail = new EnipDetail(request == null ? null : request.header, response, version, identity,
                side, services);
        if (problem != null) {
            output.malformed(new OtEvent(ts, duration, flow, PROTOCOL, EnipCommand.name(c), EnipCommand.category(c),
                    Outcome.FAILURE, problem, detail));
        } else {
            output.event(new OtEvent(ts, duration, flow, PROTOCOL, EnipCommand.name(c), EnipCommand.category(c),
                    outcome, error, detail));
        }
    }

    // ---------------------------------------------------------------- SendRRData / SendUnitData

    private void onSendData(Direction dir, EncapsulationHeader h, byte[] b, int body, int length, long ts) {
        boolean rr = h.command() == EnipCommand.SEND_RR_DATA;
        if (length < 8) {
            if (h.status() != 0) {
                cpf.read(b, body, 0);
                if (rr && !unconnected.isEmpty()) {
                    Pending p = unconnected.pollFirst();
                    emitExchange(p, null, h, ts, dir, EnipCommand.statusText(h.status()));
                } else {
                    emitEncapsulation(null, h, ts, dir, null);
                }
            } else {
                cpf.read(b, body, 0);
                emitEncapsulation(null, h, ts, dir, "EtherNet/IP " + EnipCommand.display(h.command())
                        + " of " + length + " bytes is shorter than its 8-byte interface handle, timeout and item count");
            }
            return;
        }
        if (!cpf.read(b, body + 6, length - 6)) {
            String problem = "EtherNet/IP " + EnipCommand.display(h.command()) + ": " + cpf.problem;
            cpf.read(b, body, 0);
            emitEncapsulation(null, h, ts, dir, problem);
            return;
        }
        if (cpf.dataType < 0) {
            cpf.read(b, body, 0);
            emitEncapsulation(null, h, ts, dir, null);
            return;
        }
        boolean isConnected = cpf.dataType == CommonPacketFormat.CONNECTED_DATA;
        long connectionId = cpf.connectionId;
        int p = cpf.dataOffset;
        int n = cpf.dataLength;
        int sequence = -1;
        if (isConnected) {
            if (n < 2) {
                cpf.read(b, body, 0);
                emitEncapsulation(null, h, ts, dir, "EtherNet/IP connected data item of " + n
                        + " bytes lacks its sequence count");
                return;
            }
            sequence = Le.u16(b, p);
            p += 2;
            n -= 2;
        }
        if (n < 1) {
            cpf.read(b, body, 0);
            emitEncapsulation(null, h, ts, dir, "EtherNet/IP " + EnipCommand.display(h.command())
                    + " data item holds no CIP message");
            return;
        }
        if (CipMessages.isResponse(b, p)) {
            responseTimeout = Le.u16(b, body + 4);
            onCipResponse(dir, h, b, p, n, ts, isConnected, sequence);
        } else {
            onCipRequest(new Pending(CipMessages.request(b, p, n), h, ts, isConnected, connectionId, sequence,
                    Le.u16(b, body + 4)));
        }
    }

    private void onCipRequest(Pending p) {
        if (p.connected) {
            Pending prior = waitingConnected(p.sequence);
            if (prior != null) {
                if (prior.request.service() == p.request.service()) {
                    return; // a retransmission repeats its sequence count (CIP Vol. 1, 3-4.4.1)
                }
                forget(prior);
                emitExchange(prior, null, null, 0, null);
            }
            if (connected.size() >= MAX_PENDING) {
                emitExchange(connected.pollFirst(), null, null, 0, null);
            }
            connected.addLast(p);
        } else {
            if (unconnected.size() >= MAX_PENDING) {
                emitExchange(unconnected.pollFirst(), null, null, 0, null);
            }
            unconnected.addLast(p);
        }
    }

    /** The connected request waiting with this sequence count, or null. */
    private Pending waitingConnected(int sequence) {
        for (Pending p : connected) {
            if (p.sequence == sequence) {
                return p;
            }
        }
        return null;
    }

    /** Takes this very request off the connected list (by identity: records compare by value). */
    private void forget(Pending waiting) {
        for (Iterator<Pending> it = connected.iterator(); it.hasNext(); ) {
            if (it.next() == waiting) {
                it.remove();
                return;
            }
        }
    }

    private static boolean answers(Pending p, int service) {
        return p.request.effective().service() == service
                || (p.request.routed() != null && service == CipService.UNCONNECTED_SEND);
    }

    private void onCipResponse(Direction dir, EncapsulationHeader h, byte[] b, int off, int len, long ts,
                               boolean isConnected, int sequence) {
        int service = b[off] & 0x7F;
        Pending match = null;
        if (isConnected) {
            Pending p = waitingConnected(sequence);
            if (p != null && answers(p, service)) {
                forget(p);
                match = p;
            }
        } else {
            for (Iterator<Pending> it = unconnected.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (answers(p, service)) {
                    it.remove();
                    match = p;
                    break;
                }
            }
        }
        CipRequest asked = match == null ? null : match.request.effective();
        CipResponse response = CipMessages.response(b, off, len, asked);
        if (match == null) {
            match = new Pending(null, null, ts, isConnected, cpf.connectionId, sequence, -1);
        }
        emitExchange(match, response, h, ts, dir);
    }

    private void emitExchange(Pending p, CipResponse response, EncapsulationHeader responseHeader, long responseTs,
                              Direction responseDir) {
        emitExchange(p, response, responseHeader, responseTs, responseDir, null);
    }

    /**
     * One CIP exchange: {@code p.request} may be null (a response alone), {@code response} may be null (a request
     * alone, or one refused by the encapsulation with {@code encapsulationError}).
     */
    private void emitExchange(Pending p, CipResponse response, EncapsulationHeader responseHeader, long responseTs,
                              Direction responseDir, String encapsulationError) {
        CipRequest outer = p.request;
        CipRequest request = outer == null ? null : outer.effective();
        long ts = outer != null ? p.ts : responseTs;
        long duration = outer != null && responseHeader != null ? Math.max(0, responseTs - p.ts) : -1;
        AssetFacts.Side side = responseDir == null ? null
                : responseDir == Direction.TO_CLIENT ? AssetFacts.Side.SERVER : AssetFacts.Side.CLIENT;
        EncapsulationHeader anyHeader = p.header != null ? p.header : responseHeader;
        String problem = outer != null && outer.problem() != null ? outer.problem()
                : response != null ? response.problem() : null;
        List<CipRequest> embeddedRequests = request == null ? null : request.embedded();
        List<CipResponse> embeddedResponses = response == null ? null : response.embedded();
        int count = embeddedRequests != null ? embeddedRequests.size()
                : embeddedResponses != null ? embeddedResponses.size() : -1;
        emitOne(request, response, p, outer == null ? null : outer.route(), anyHeader, responseHeader, ts, duration,
                side, problem, encapsulationError, count, -1, embeddedRequests, embeddedResponses);
        if (count > 0) {
            for (int i = 0; i < count; i++) {
                CipRequest er = embeddedRequests != null && i < embeddedRequests.size() ? embeddedRequests.get(i)
                        : null;
                CipResponse es = embeddedResponses != null && i < embeddedResponses.size()
                        ? embeddedResponses.get(i) : null;
                String embeddedProblem = er != null && er.problem() != null ? er.problem()
                        : es != null ? es.problem() : null;
                emitOne(er, es, p, null, anyHeader, responseHeader, ts, duration, side,
                        embeddedProblem == null ? null : "in Multiple Service Packet service " + (i + 1) + ": "
                                + embeddedProblem, encapsulationError, -1, i + 1, null, null);
            }
        }
    }

    private void emitOne(CipRequest request, CipResponse response, Pending p, CipPath route,
                         EncapsulationHeader anyHeader, EncapsulationHeader responseHeader, long ts, long duration,
                         AssetFacts.Side side, String problem, String encapsulationError, int serviceCount,
                         int serviceIndex, List<CipRequest> embeddedRequests, List<CipResponse> embeddedResponses) {
        int service = request != null ? request.service() : response != null ? response.service() : 0;
        CipPath path = request != null ? request.path() : CipPath.EMPTY;
        CipService.Kind kind = CipService.of(service, path.classId(), path.symbolic());
        EventCategory category = kind.category();
        int pcccCommand = request != null ? request.pcccCommand() : -1;
        int pcccFunction = request != null ? request.pcccFunction() : -1;
        if (pcccCommand >= 0) {
            category = Pccc.category(pcccCommand, pcccFunction);
        } else if (service == CipService.MULTIPLE_SERVICE_PACKET) {
            category = EventCategory.OTHER;
            if (embeddedRequests != null) {
                for (CipRequest e : embeddedRequests) {
                    EventCategory c = e.kind().category();
                    if (CipService.weight(c) > CipService.weight(category)) {
                        category = c;
                    }
                }
            }
        }
        Outcome outcome;
        String error;
        if (encapsulationError != null) {
            outcome = Outcome.FAILURE;
            error = encapsulationError;
        } else if (response == null) {
            outcome = Outcome.UNKNOWN;
            error = null;
        } else if (response.generalStatus() < 0) {
            outcome = Outcome.FAILURE;
            error = null;
        } else {
            outcome = response.success() ? Outcome.SUCCESS : Outcome.FAILURE;
            error = response.error();
        }
        CipRequest.ConnectionParameters connection = response != null && response.connection() != null
                ? response.connection() : request != null ? request.connection() : null;
        CipDetail detail = new CipDetail(service, path,
                response == null ? CipDetail.ABSENT : response.generalStatus(),
                response == null ? CipDetail.ABSENT : response.extendedStatus(),
                p.connected, p.connected ? p.connectionId : CipDetail.ABSENT, p.sequence,
                anyHeader == null ? 0 : anyHeader.sessionHandle(), anyHeader == null ? 0 : anyHeader.command(),
                request == null ? null : request.attributes(), serviceCount, serviceIndex, route, connection, pcccCommand, pcccFunction,
                response == null ? -1 : response.pcccStatus(), response == null ? null : response.identity(),
                side, p.header, responseHeader, p.timeout, response == null ? -1 : responseTimeout);
        if (problem != null) {
            output.malformed(new OtEvent(ts, duration, flow, CIP, kind.name(), category, Outcome.FAILURE,
                    "CIP " + kind.name() + ": " + problem, detail));
        } else {
            output.event(new OtEvent(ts, duration, flow, CIP, kind.name(), category, outcome, error, detail));
        }
    }
}
