package io.otsoc.collector.protocol.opcua;

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

import static io.otsoc.collector.protocol.opcua.UaMessage.ABSENT;

/**
 * Decodes OPC UA binary (UA TCP and UA Secure Conversation, OPC 10000-6 sections 6.7 and 7) on one flow. HEL, ACK,
 * ERR and RHE are reported one by one; OPN, MSG and CLO chunks are reassembled per direction (C chunks until the F
 * chunk, A aborts) into messages whose service is told by the NodeId of its binary encoding. A request waits under
 * its request id until its response, and each pair becomes one event stamped with the request's time. When the
 * secure channel signs or encrypts (an OPN with a security policy other than None), message bodies are not read:
 * each message is reported as {@code secured_message} with its headers only.
 */
public final class OpcuaDecoder implements ProtocolDecoder {

    public static final String PROTOCOL = "opcua";
    public static final String SECURITY_POLICY_NONE = "http://opcfoundation.org/UA/SecurityPolicy#None";
    static final int MAX_PENDING = 64;
    /** The largest message reassembled from chunks (bodies only). */
    static final int MAX_MESSAGE = 4 * 1024 * 1024;

    private final FlowRef flow;
    private final DecoderOutput output;
    private final Side toServer = new Side(Direction.TO_SERVER);
    private final Side toClient = new Side(Direction.TO_CLIENT);
    private final Map<Long, UaMessage> pending = new LinkedHashMap<>();
    private final int maxPending;
    /** The secure channel id the server assigned, or -1. */
    private long channelId = ABSENT;
    /** 1: the channel uses security policy None; 2: it signs or encrypts; 0: not seen. */
    private int channelSecurity;
    private boolean finished;

    public OpcuaDecoder(FlowRef flow, DecoderOutput output) {
        this(flow, output, MAX_PENDING);
    }

    OpcuaDecoder(FlowRef flow, DecoderOutput output, int maxPending) {
        this.flow = flow;
        this.output = output;
        this.maxPending = Math.max(1, maxPending);
    }

    int pendingCount() {
        return pending.size();
    }

    int bufferedBytes() {
        return toServer.framer.bufferedBytes() + toClient.framer.bufferedBytes() + toServer.assembled
                + toClient.assembled;
    }

    @Override
    public void onData(Direction direction, byte[] buf, int offset, int length, long timestampMicros) {
        if (!finished && length > 0) {
            side(direction).framer.onData(buf, offset, length, timestampMicros);
        }
    }

    @Override
    public void onGap(Direction direction, long missingBytes, long timestampMicros) {
        if (!finished) {
            Side s = side(direction);
            s.framer.onGap();
            s.dropAssembly();
        }
    }

    @Override
    public void onClose(long timestampMicros) {
        if (finished) {
            return;
        }
        finished = true;
        for (Side s : new Side[] {toServer, toClient}) {
            if (s.framer.seenChunk() && s.framer.bufferedBytes() > 0) {
                output.malformed(s.framer.partialMicros(), "chunk truncated: the flow ended with "
                        + s.framer.bufferedBytes() + " bytes of an incomplete chunk " + s.text(), null);
            }
            s.framer.stop();
            s.dropAssembly();
        }
        for (Iterator<UaMessage> it = pending.values().iterator(); it.hasNext(); ) {
            UaMessage m = it.next();
            it.remove();
            report(m, null);
        }
    }

    private Side side(Direction d) {
        return d == Direction.TO_SERVER ? toServer : toClient;
    }

    /** One direction: its chunk framer and the message being reassembled from chunks. */
    private final class Side implements ChunkFramer.Listener {
        final Direction direction;
        final ChunkFramer framer = new ChunkFramer(this);
        UaMessage assembling;
        byte[] body = new byte[0];
        int assembled;

        Side(Direction direction) {
            this.direction = direction;
        }

        boolean toServer() {
            return direction == Direction.TO_SERVER;
        }

        String text() {
            return toServer() ? "to the server" : "to the client";
        }

        void dropAssembly() {
            assembling = null;
            assembled = 0;
            if (body.length > 65536) {
                body = new byte[0];
            }
        }

        boolean append(byte[] b, int off, int len) {
            if (assembled + len > MAX_MESSAGE) {
                return false;
            }
            if (body.length < assembled + len) {
                byte[] bigger = new byte[Math.min(MAX_MESSAGE, Math.max(assembled + len, Math.max(1024, body.length * 2)))];
                System.arraycopy(body, 0, bigger, 0, assembled);
                body = bigger;
            }
            System.arraycopy(b, off, body, assembled, len);
            assembled += len;
            return true;
        }

        @Override
        public boolean chunk(String type, char chunkType, byte[] b, int off, int len, long ts, long lastTs) {
            onChunk(this, type, chunkType, b, off, len, ts, lastTs);
            return !finished;
        }

        @Override
        public boolean invalidHeader(String reason, long ts) {
            if (!toServer.framer.seenChunk() && !toClient.framer.seenChunk()) {
                detach(ts, reason + " at the start of the stream " + text());
                return false;
            }
            output.malformed(ts, reason + " (" + text() + "); resynchronising on the next chunk header", null);
            return true;
        }

        @Override
        public boolean plausibleChannel(long id) {
            return channelId == ABSENT || id == channelId || id == 0;
        }
    }

    private void detach(long ts, String reason) {
        finished = true;
        toServer.framer.stop();
        toClient.framer.stop();
        pending.clear();
        output.notThisProtocol(ts, reason);
    }

    private void onChunk(Side side, String type, char chunkType, byte[] b, int off, int len, long ts, long lastTs) {
        UaMessage m = new UaMessage();
        m.timestampMicros = ts;
        m.completedMicros = lastTs;
        m.messageType = type;
        m.chunkType = chunkType;
        m.size = len;
        UaReader r = new UaReader(b, off + ChunkFramer.HEADER, len - ChunkFramer.HEADER);
        switch (type) {
            case "HEL" -> {
                m.protocolVersion = r.u32("HEL protocolVersion");
                m.receiveBufferSize = r.u32("HEL receiveBufferSize");
                m.sendBufferSize = r.u32("HEL sendBufferSize");
                m.maxMessageSize = r.u32("HEL maxMessageSize");
                m.maxChunkCount = r.u32("HEL maxChunkCount");
                m.endpointUrl = r.string("HEL endpointUrl");
                single(side, m, r, "hello", Outcome.UNKNOWN, null);
            }
            case "ACK" -> {
                m.protocolVersion = r.u32("ACK protocolVersion");
                m.receiveBufferSize = r.u32("ACK receiveBufferSize");
                m.sendBufferSize = r.u32("ACK sendBufferSize");
                m.maxMessageSize = r.u32("ACK maxMessageSize");
                m.maxChunkCount = r.u32("ACK maxChunkCount");
                single(side, m, r, "acknowledge", Outcome.SUCCESS, null);
            }
            case "ERR" -> {
                m.errorCode = r.u32("ERR error");
                m.reason = r.string("ERR reason");
                single(side, m, r, "error", Outcome.FAILURE, "ERR " + StatusCodes.describe(m.errorCode)
                        + (m.reason != null && !m.reason.isEmpty() ? ": " + m.reason : ""));
            }
            case "RHE" -> {
                m.serverUri = r.string("RHE serverUri");
                m.endpointUrl = r.string("RHE endpointUrl");
                single(side, m, r, "reverse_hello", Outcome.UNKNOWN, null);
            }
            case "OPN" -> onOpen(side, m, r, b, off, len);
            default -> onSymmetric(side, m, r, b, off, len);
        }
    }

    /** A message outside the request/response pairing: HEL, ACK, ERR, RHE. */
    private void single(Side side, UaMessage m, UaReader r, String action, Outcome outcome, String error) {
        OpcuaDetail d = side.toServer() ? new OpcuaDetail(m, null) : new OpcuaDetail(null, m);
        OtEvent e = new OtEvent(m.timestampMicros, -1, flow, PROTOCOL, action, EventCategory.OTHER, outcome, error, d);
        if (!r.ok()) {
            output.malformed(e.asMalformed(m.messageType + " " + r.failure() + " (" + side.text() + ")"));
        } else {
            output.event(e);
        }
    }

    private void onOpen(Side side, UaMessage m, UaReader r, byte[] b, int off, int len) {
        m.secureChannelId = r.u32("OPN secureChannelId");
        m.securityPolicyUri = r.string("OPN securityPolicyUri");
        m.senderCertificateLength = r.byteString("OPN senderCertificate");
        r.byteString("OPN receiverCertificateThumbprint");
        if (!r.ok()) {
            malformedChunk(side, m, "open_secure_channel", EventCategory.AUTH, "OPN " + r.failure());
            return;
        }
        boolean none = m.securityPolicyUri == null || m.securityPolicyUri.isEmpty()
                || m.securityPolicyUri.equals(SECURITY_POLICY_NONE);
        if (!none) {
            channelSecurity = 2;
            m.secured = true;
            if (m.secureChannelId != 0) {
                channelId = m.secureChannelId;
            }
            securedChunk(side, m, r, "open_secure_channel", EventCategory.AUTH);
            return;
        }
        channelSecurity = Math.max(channelSecurity, 1);
        sequenced(side, m, r, b, off);
    }

    private void onSymmetric(Side side, UaMessage m, UaReader r, byte[] b, int off, int len) {
        m.secureChannelId = r.u32(m.messageType + " secureChannelId");
        m.tokenId = r.u32(m.messageType + " tokenId");
        if (!r.ok()) {
            malformedChunk(side, m, "secured_message", EventCategory.OTHER, m.messageType + " " + r.failure());
            return;
        }
        if (channelSecurity == 2) {
            m.secured = true;
            securedChunk(side, m, r, "secured_message", EventCategory.OTHER);
            return;
        }
        sequenced(side, m, r, b, off);
    }

    /** A signed or encrypted chunk: only its headers are reported, one event per message (at its F or A chunk). */
    private void securedChunk(Side side, UaMessage m, UaReader r, String action, EventCategory category) {
        if (m.chunkType == 'C') {
            if (side.assembling == null) {
                side.assembling = m;
            } else {
                side.assembling.chunks++;
                side.assembling.size += m.size;
            }
            return;
        }
        UaMessage whole = m;
        if (side.assembling != null) {
            whole = side.assembling;
            whole.chunks++;
            whole.size += m.size;
            whole.chunkType = m.chunkType;
            whole.completedMicros = m.completedMicros;
            side.dropAssembly();
        }
        OpcuaDetail d = side.toServer() ? new OpcuaDetail(whole, null) : new OpcuaDetail(null, whole);
        Outcome outcome = m.chunkType == 'A' ? Outcome.FAILURE : Outcome.UNKNOWN;
        output.event(new OtEvent(whole.timestampMicros, -1, flow, PROTOCOL, action, category, outcome,
                m.chunkType == 'A' ? "message aborted by its sender" : null, d));
    }

    /** After the security header of a channel without security: the sequence header, then the (chunked) body. */
    private void sequenced(Side side, UaMessage m, UaReader r, byte[] src, int chunkOffset) {
        m.sequenceNumber = r.u32(m.messageType + " sequenceNumber");
        m.requestId = r.u32(m.messageType + " requestId");
        if (!r.ok()) {
            malformedChunk(side, m, m.messageType.equals("OPN") ? "open_secure_channel" : "secure_message",
                    EventCategory.OTHER, m.messageType + " sequence header: " + r.failure());
            return;
        }
        int bodyOffset = chunkOffset + ChunkFramer.HEADER + r.position();
        int bodyLength = r.remaining();
        switch (m.chunkType) {
            case 'C' -> {
                if (side.assembling == null || side.assembling.requestId != m.requestId) {
                    if (side.assembling != null) {
                        output.malformed(side.assembling.timestampMicros, m.messageType + " chunks of request id "
                                + side.assembling.requestId + " interrupted by request id " + m.requestId + " ("
                                + side.text() + ")", new OpcuaDetail(side.toServer() ? side.assembling : null,
                                side.toServer() ? null : side.assembling));
                    }
                    side.dropAssembly();
                    side.assembling = m;
                } else {
                    side.assembling.chunks++;
                    side.assembling.size += m.size;
                }
                if (!side.append(src, bodyOffset, bodyLength)) {
                    UaMessage first = side.assembling;
                    side.dropAssembly();
                    malformedChunk(side, first, "secure_message", EventCategory.OTHER, m.messageType
                            + " message of request id " + m.requestId + " exceeds the " + MAX_MESSAGE
                            + "-byte reassembly bound");
                }
            }
            case 'A' -> {
                UaMessage first = side.assembling != null && side.assembling.requestId == m.requestId
                        ? side.assembling : m;
                if (first != m) {
                    first.chunks++;
                    first.size += m.size;
                }
                side.dropAssembly();
                first.errorCode = r.u32("abort error");
                first.reason = r.string("abort reason");
                first.chunkType = 'A';
                OpcuaDetail d = side.toServer() ? new OpcuaDetail(first, null) : new OpcuaDetail(null, first);
                output.event(new OtEvent(first.timestampMicros, -1, flow, PROTOCOL, "abort", EventCategory.OTHER,
                        Outcome.FAILURE, "message aborted by its sender: " + StatusCodes.describe(first.errorCode)
                        + (first.reason != null && !first.reason.isEmpty() ? " " + first.reason : ""), d));
            }
            default -> {
                if (side.assembling != null && side.assembling.requestId == m.requestId) {
                    UaMessage first = side.assembling;
                    first.chunks++;
                    first.size += m.size;
                    first.chunkType = 'F';
                    first.completedMicros = m.completedMicros;
                    if (!side.append(src, bodyOffset, bodyLength)) {
                        side.dropAssembly();
                        malformedChunk(side, first, "secure_message", EventCategory.OTHER, m.messageType
                                + " message of request id " + m.requestId + " exceeds the " + MAX_MESSAGE
                                + "-byte reassembly bound");
                        return;
                    }
                    byte[] whole = side.body;
                    int n = side.assembled;
                    side.assembling = null;
                    side.assembled = 0;
                    onMessage(side, first, new UaReader(whole, 0, n));
                } else {
                    side.dropAssembly();
                    onMessage(side, m, r);
                }
            }
        }
    }

    private void onMessage(Side side, UaMessage m, UaReader r) {
        NodeId encoding = r.nodeId("service encoding NodeId");
        long id = encoding != null ? encoding.standardId() : ABSENT;
        UaService request = UaService.request(id);
        UaService response = request == null ? UaService.response(id) : null;
        if (channelSecurity == 0 && (request == null && response == null)) {
            // no OPN seen (the capture began mid-connection): a body that does not start with a known service
            // encoding is taken for a signed and encrypted one, not for a malformed message
            m.secured = true;
            m.sequenceNumber = ABSENT;
            m.requestId = ABSENT;
            OpcuaDetail d = side.toServer() ? new OpcuaDetail(m, null) : new OpcuaDetail(null, m);
            output.event(new OtEvent(m.timestampMicros, -1, flow, PROTOCOL, "secured_message", EventCategory.OTHER,
                    Outcome.UNKNOWN, null, d));
            return;
        }
        if (!r.ok() || encoding == null) {
            malformedChunk(side, m, "secure_message", EventCategory.OTHER, m.messageType + " " + r.failure());
            return;
        }
        m.encoding = encoding;
        if (request == null && response == null) {
            OpcuaDetail d = side.toServer() ? new OpcuaDetail(m, null) : new OpcuaDetail(null, m);
            output.event(new OtEvent(m.timestampMicros, -1, flow, PROTOCOL, "unknown_service", EventCategory.OTHER,
                    Outcome.UNKNOWN, null, d));
            return;
        }
        if (request != null) {
            m.service = request;
            m.request = true;
            ServiceBodies.requestHeader(r, m);
            if (r.ok()) {
                ServiceBodies.request(request, r, m);
            }
            if (!r.ok()) {
                malformedChunk(side, m, request.action, request.category, m.serviceName() + " " + r.failure());
                return;
            }
            if (request == UaService.CLOSE_SECURE_CHANNEL) {
                report(m, null);
                return;
            }
            keep(m);
        } else {
            m.service = response;
            ServiceBodies.responseHeader(r, m);
            if (r.ok()) {
                ServiceBodies.response(response, r, m);
            }
            if (response == UaService.OPEN_SECURE_CHANNEL && m.tokenChannelId != ABSENT && m.tokenChannelId != 0) {
                channelId = m.tokenChannelId;
            }
            UaMessage req = pending.remove(m.requestId);
            if (req == null) {
                req = byRequestHandle(m);
            }
            if (!r.ok()) {
                UaService s = req != null ? req.service : response;
                OpcuaDetail d = new OpcuaDetail(req, m);
                output.malformed(new OtEvent(req != null ? req.timestampMicros : m.timestampMicros,
                        req != null ? m.timestampMicros - req.timestampMicros : -1, flow, PROTOCOL, s.action,
                        s.category, Outcome.FAILURE, m.serviceName() + " " + r.failure() + " (" + side.text() + ")",
                        d, true));
                return;
            }
            report(req, m);
        }
    }

    /**
     * A response whose request id matches no request (e.g. the request's chunks were lost in a gap and a later
     * request reused nothing): the pending request of the same service with the same request handle, if exactly
     * that one.
     */
    private UaMessage byRequestHandle(UaMessage resp) {
        if (resp.requestHandle == ABSENT) {
            return null;
        }
        for (Iterator<UaMessage> it = pending.values().iterator(); it.hasNext(); ) {
            UaMessage q = it.next();
            if (q.requestHandle == resp.requestHandle
                    && (q.service == resp.service || resp.service == UaService.SERVICE_FAULT)) {
                it.remove();
                return q;
            }
        }
        return null;
    }

    private void malformedChunk(Side side, UaMessage m, String action, EventCategory category, String reason) {
        OpcuaDetail d = side.toServer() ? new OpcuaDetail(m, null) : new OpcuaDetail(null, m);
        output.malformed(new OtEvent(m.timestampMicros, -1, flow, PROTOCOL, action, category, Outcome.FAILURE,
                reason + " (" + side.text() + ")", d, true));
    }

    private void keep(UaMessage m) {
        UaMessage previous = pending.remove(m.requestId);
        if (previous != null) {
            report(previous, null);
        }
        if (pending.size() >= maxPending) {
            Iterator<UaMessage> it = pending.values().iterator();
            UaMessage oldest = it.next();
            it.remove();
            report(oldest, null);
        }
        pending.put(m.requestId, m);
    }

    /** One event for a request and/or its response (either may be null, not both). */
    private void report(UaMessage req, UaMessage resp) {
        UaMessage first = req != null ? req : resp;
        // a ServiceFault answers the request's service; alone it is reported as service_fault
        UaService s = req != null && req.service != null ? req.service : first.service;
        String action = s != null ? s.action : "secure_message";
        EventCategory category = s != null ? s.category : EventCategory.OTHER;
        Outcome outcome = Outcome.UNKNOWN;
        String error = null;
        if (resp != null) {
            long status = resp.serviceResult;
            if (status != ABSENT && StatusCodes.isBad(status)) {
                outcome = Outcome.FAILURE;
                error = (resp.service == UaService.SERVICE_FAULT ? "service fault " : "service result ")
                        + StatusCodes.describe(status);
            } else {
                outcome = Outcome.SUCCESS;
            }
        }
        long duration = req != null && resp != null ? resp.timestampMicros - req.timestampMicros : -1;
        output.event(new OtEvent(first.timestampMicros, duration, flow, PROTOCOL, action, category, outcome, error,
                new OpcuaDetail(req, resp)));
    }
}
