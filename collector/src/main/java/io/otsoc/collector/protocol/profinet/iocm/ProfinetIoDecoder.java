package io.otsoc.collector.protocol.profinet.iocm;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decodes PROFINET IO context management (IEC 61158-6-10) on one UDP flow: connectionless DCE/RPC (C706 chapter 12)
 * carrying the PNIO operations Connect, Release, Read, Write, Control and ReadImplicit. A call is identified by
 * its activity UUID and sequence number; its request (all fragments) waits until the last fragment of its
 * response, a fault or a reject arrives, and the pair becomes one event stamped with the request's time. Pings,
 * fragment acknowledgements and the like join the pending call they name, or are reported alone.
 *
 * <p>PNIO devices usually answer from another port than the one the request went to (the request goes to 34964,
 * the response comes from an ephemeral port), so the two halves of a call often travel on two UDP flows, and a
 * decoder sees one flow. Such a half is reported by itself: a request with outcome unknown when its flow ends, a
 * response with the outcome its PNIOStatus gives. Pending calls are bounded ({@link #MAX_PENDING}, the oldest is
 * reported when full), and so are the headers kept per call ({@link #MAX_PACKETS}).
 */
public final class ProfinetIoDecoder implements ProtocolDecoder {

    public static final String PROTOCOL = "profinet_io";
    static final int MAX_PENDING = 64;
    static final int MAX_PACKETS = 32;

    private final FlowRef flow;
    private final DecoderOutput output;
    private final Map<CallKey, Call> pending = new LinkedHashMap<>();
    private boolean seen;
    private boolean finished;

    public ProfinetIoDecoder(FlowRef flow, DecoderOutput output) {
        this.flow = flow;
        this.output = output;
    }

    /** Calls waiting for their response. */
    int pendingCount() {
        return pending.size();
    }

    @Override
    public void onData(Direction direction, byte[] buf, int offset, int length, long timestampMicros) {
        if (finished || length <= 0) {
            return;
        }
        String problem = RpcHeader.problem(buf, offset, length);
        if (problem != null) {
            if (!seen) {
                finished = true;
                output.notThisProtocol(timestampMicros, problem);
            } else {
                output.malformed(timestampMicros, problem, null);
            }
            return;
        }
        seen = true;
        RpcHeader h = RpcHeader.parse(buf, offset, length, direction, timestampMicros);
        CallKey key = new CallKey(h.activityUuid(), h.sequenceNumber());
        Call call = pending.get(key);
        switch (h.packetType()) {
            case RpcHeader.REQUEST -> {
                if (call == null) {
                    call = open(key);
                }
                call.add(h);
                if (h.fragmentNumber() == 0 && call.requestBody == null) {
                    call.request = h;
                    call.requestBody = PnioBody.parse(buf, offset + RpcHeader.SIZE, h.bodyLength(), h.packetType(),
                            h.littleEndian(), !h.fragmented());
                }
            }
            case RpcHeader.RESPONSE, RpcHeader.FAULT, RpcHeader.REJECT -> {
                if (call == null) {
                    call = open(key);
                }
                call.add(h);
                if (h.fragmentNumber() == 0 && call.responseBody == null) {
                    call.response = h;
                    call.responseBody = PnioBody.parse(buf, offset + RpcHeader.SIZE, h.bodyLength(), h.packetType(),
                            h.littleEndian(), !h.fragmented());
                } else if (call.response == null) {
                    call.response = h;
                }
                if (h.packetType() != RpcHeader.RESPONSE || h.lastFragment()) {
                    pending.remove(key);
                    emit(call);
                }
            }
            default -> {
                if (call != null) {
                    call.add(h);
                } else {
                    Call alone = new Call();
                    alone.add(h);
                    emit(alone);
                }
            }
        }
    }

    @Override
    public void onGap(Direction direction, long missingBytes, long timestampMicros) {
        // datagrams: nothing spans a gap
    }

    @Override
    public void onClose(long timestampMicros) {
        if (finished) {
            return;
        }
        finished = true;
        for (Call call : pending.values()) {
            emit(call);
        }
        pending.clear();
    }

    private Call open(CallKey key) {
        if (pending.size() >= MAX_PENDING) {
            Iterator<Call> oldest = pending.values().iterator();
            Call evicted = oldest.next();
            oldest.remove();
            emit(evicted);
        }
        Call call = new Call();
        pending.put(key, call);
        return call;
    }

    private void emit(Call call) {
        RpcHeader first = call.packets.get(0);
        RpcHeader req = call.request;
        RpcHeader resp = call.response;
        RpcHeader named = req != null ? req : resp != null ? resp : first;
        boolean exchange = req != null || resp != null;
        int opnum = named.operationNumber();
        String action = exchange ? PnioNames.operation(opnum) : PnioNames.packetAction(first.packetType());
        EventCategory category = exchange ? PnioNames.category(opnum)
                : first.packetType() == RpcHeader.PING || first.packetType() == RpcHeader.NOCALL
                ? EventCategory.DIAGNOSTIC : EventCategory.OTHER;
        PnioBody rq = call.requestBody != null ? call.requestBody : new PnioBody();
        PnioBody rs = call.responseBody != null ? call.responseBody : new PnioBody();
        PnioBody blocks = call.requestBody != null && call.requestBody.blockCount > 0 ? rq : rs;
        long status = rs.pnioStatus;
        Outcome outcome = Outcome.UNKNOWN;
        String error = null;
        if (resp != null) {
            if (resp.packetType() == RpcHeader.FAULT || resp.packetType() == RpcHeader.REJECT) {
                outcome = Outcome.FAILURE;
                error = String.format("DCE/RPC %s, status 0x%08x", resp.typeName(), Math.max(status, 0));
            } else if (status == 0) {
                outcome = Outcome.SUCCESS;
            } else if (status > 0) {
                outcome = Outcome.FAILURE;
                error = String.format("PNIOStatus 0x%08x (error code 0x%02x, decode 0x%02x, code1 0x%02x,"
                        + " code2 0x%02x)", status, status >>> 24 & 0xFF, status >>> 16 & 0xFF, status >>> 8 & 0xFF,
                        status & 0xFF);
            }
        } else if (!exchange && first.packetType() != RpcHeader.REJECT) {
            outcome = Outcome.SUCCESS;
        }
        ProfinetIoDetail detail = new ProfinetIoDetail(
                req != null ? req.typeName() : first.typeName(),
                resp != null && req != null ? resp.typeName() : null,
                opnum,
                PnioNames.interfaceName(named.interfaceUuid()),
                named.interfaceUuid(),
                named.objectUuid(),
                named.activityUuid(),
                named.sequenceNumber(),
                resp != null ? resp.serverBootTime() : named.serverBootTime(),
                call.packetCount,
                rq.argsMaximum,
                status,
                Arrays.copyOf(blocks.blockTypes, blocks.blockCount),
                blocks.blockVersion,
                blocks.api,
                blocks.slot,
                blocks.subslot,
                blocks.index,
                blocks.recordDataLength,
                blocks.controlCommand,
                PnioNames.controlCommand(blocks.controlCommand),
                blocks.arUuid,
                blocks.sessionKey,
                blocks.arType,
                rq.stationName,
                List.copyOf(call.packets));
        long duration = req != null && resp != null ? Math.max(0, resp.timestampMicros() - req.timestampMicros()) : -1;
        OtEvent event = new OtEvent(first.timestampMicros(), duration, flow, PROTOCOL, action, category, outcome,
                error, detail);
        String problem = rq.problem != null ? rq.problem : rs.problem;
        if (problem != null) {
            output.malformed(event.asMalformed(problem));
        } else {
            output.event(event);
        }
    }

    private record CallKey(UUID activity, long sequence) {
    }

    /** The datagrams of one call seen so far. */
    private static final class Call {
        final List<RpcHeader> packets = new ArrayList<>(2);
        int packetCount;
        RpcHeader request;
        RpcHeader response;
        PnioBody requestBody;
        PnioBody responseBody;

        void add(RpcHeader h) {
            packetCount++;
            if (packets.size() < MAX_PACKETS) {
                packets.add(h);
            }
        }
    }
}
