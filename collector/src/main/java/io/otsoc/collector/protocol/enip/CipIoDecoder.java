package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Decodes CIP class 0/1 implicit (I/O) messaging on UDP 2222 (CIP Vol. 2, 3-2.2): each datagram is a Common Packet
 * Format item list with a sequenced address item (connection id, encapsulation sequence number) and a connected
 * data item. A connection produces a packet every RPI (often every few milliseconds), so one event per packet would
 * drown everything else: the packets of each connection id and sender are summed up and reported as one
 * {@code cip} event with the action {@code implicit_io} when the flow ends, or every {@link #SUMMARY_INTERVAL_MICROS}
 * of capture time for long-lived connections. At most {@value #MAX_CONNECTIONS} connections are followed per
 * flow; a further one has the oldest reported early.
 *
 * <p>A first datagram that is not such an item list means the flow is not CIP I/O; a later one is malformed.
 */
public final class CipIoDecoder implements ProtocolDecoder {

    public static final String ACTION = "implicit_io";
    static final int MAX_CONNECTIONS = 64;
    static final long SUMMARY_INTERVAL_MICROS = 300_000_000L;

    private static final class Tally {
        final long connectionId;
        final Direction sender;
        long firstTs;
        long lastTs;
        long packets;
        long bytes;
        long firstSequence;
        long lastSequence;
        long missed;
        int minLength = Integer.MAX_VALUE;
        int maxLength;

        Tally(long connectionId, Direction sender) {
            this.connectionId = connectionId;
            this.sender = sender;
        }
    }

    private final FlowRef flow;
    private final DecoderOutput output;
    private final CommonPacketFormat cpf = new CommonPacketFormat();
    private final LinkedHashMap<Long, Tally> tallies = new LinkedHashMap<>();
    private boolean established;
    private boolean finished;

    public CipIoDecoder(FlowRef flow, DecoderOutput output) {
        this.flow = flow;
        this.output = output;
    }

    /** What keeps {@code len} bytes from being one I/O datagram, or null. */
    static String problem(CommonPacketFormat cpf, byte[] b, int off, int len) {
        if (!cpf.read(b, off, len)) {
            return "CIP I/O datagram: " + cpf.problem;
        }
        if (cpf.consumed != len) {
            return "CIP I/O datagram holds " + (len - cpf.consumed) + " bytes after its " + cpf.count + " items";
        }
        if (cpf.addressType != CommonPacketFormat.SEQUENCED_ADDRESS) {
            return "CIP I/O datagram has no sequenced address item";
        }
        if (cpf.dataType != CommonPacketFormat.CONNECTED_DATA) {
            return "CIP I/O datagram has no connected data item";
        }
        return null;
    }

    @Override
    public void onData(Direction direction, byte[] buf, int offset, int length, long timestampMicros) {
        if (finished || length <= 0) {
            return;
        }
        String problem = problem(cpf, buf, offset, length);
        if (problem != null) {
            if (established) {
                output.malformed(timestampMicros, problem, null);
            } else {
                finished = true;
                output.notThisProtocol(timestampMicros, problem);
            }
            return;
        }
        established = true;
        long key = cpf.connectionId << 1 | (direction == Direction.TO_SERVER ? 0 : 1);
        Tally t = tallies.get(key);
        if (t != null && timestampMicros - t.firstTs >= SUMMARY_INTERVAL_MICROS) {
            tallies.remove(key);
            report(t);
            t = null;
        }
        if (t == null) {
            if (tallies.size() >= MAX_CONNECTIONS) {
                Iterator<Tally> it = tallies.values().iterator();
                Tally oldest = it.next();
                it.remove();
                report(oldest);
            }
            t = new Tally(cpf.connectionId, direction);
            t.firstTs = timestampMicros;
            t.firstSequence = cpf.sequenceNumber;
            t.lastSequence = cpf.sequenceNumber - 1;
            tallies.put(key, t);
        }
        long gap = (cpf.sequenceNumber - t.lastSequence) & 0xFFFFFFFFL;
        if (gap > 1 && gap < 0x80000000L) {
            t.missed += gap - 1;
        }
        if (gap != 0 && gap < 0x80000000L) {
            t.lastSequence = cpf.sequenceNumber;
        }
        t.packets++;
        t.bytes += cpf.dataLength;
        t.minLength = Math.min(t.minLength, cpf.dataLength);
        t.maxLength = Math.max(t.maxLength, cpf.dataLength);
        t.lastTs = Math.max(t.lastTs, timestampMicros);
    }

    @Override
    public void onGap(Direction direction, long missingBytes, long timestampMicros) {
        // datagrams: nothing to resynchronise
    }

    @Override
    public void onClose(long timestampMicros) {
        if (finished) {
            return;
        }
        finished = true;
        for (Tally t : tallies.values()) {
            report(t);
        }
        tallies.clear();
    }

    private void report(Tally t) {
        CipIoDetail detail = new CipIoDetail(t.connectionId, t.sender == Direction.TO_SERVER ? "client" : "server",
                t.packets, t.bytes, t.firstSequence, t.lastSequence, t.missed, t.minLength, t.maxLength);
        output.event(new OtEvent(t.firstTs, Math.max(0, t.lastTs - t.firstTs), flow, EnipDecoder.CIP, ACTION,
                EventCategory.OTHER, Outcome.SUCCESS, null, detail));
    }
}
