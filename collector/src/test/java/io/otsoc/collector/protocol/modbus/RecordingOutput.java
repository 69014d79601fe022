package io.otsoc.collector.protocol.modbus;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.DecoderOutput;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything a decoder reports, in order, for assertions. */
final class RecordingOutput implements DecoderOutput {

    /**
     * A malformed report: {@code event} is null and {@code action} is {@code malformed_message} when the decoder
     * could not tell the operation, else the event it built for the operation.
     */
    record Malformed(long timestampMicros, String reason, ModbusDetail partial, String action, OtEvent event) {
    }

    record NotThisProtocol(long timestampMicros, String reason) {
    }

    final List<OtEvent> events = new ArrayList<>();
    final List<Malformed> malformed = new ArrayList<>();
    final List<NotThisProtocol> notThisProtocol = new ArrayList<>();
    /** Everything in arrival order: OtEvent, Malformed or NotThisProtocol. */
    final List<Object> all = new ArrayList<>();

    @Override
    public void event(OtEvent event) {
        events.add(event);
        all.add(event);
    }

    @Override
    public void malformed(long timestampMicros, String reason, ProtocolDetail partial) {
        Malformed m = new Malformed(timestampMicros, reason, (ModbusDetail) partial, "malformed_message", null);
        malformed.add(m);
        all.add(m);
    }

    @Override
    public void malformed(OtEvent event) {
        Malformed m = new Malformed(event.timestampMicros(), event.errorMessage(), (ModbusDetail) event.detail(),
                event.action(), event);
        malformed.add(m);
        all.add(m);
    }

    @Override
    public void notThisProtocol(long timestampMicros, String reason) {
        NotThisProtocol n = new NotThisProtocol(timestampMicros, reason);
        notThisProtocol.add(n);
        all.add(n);
    }

    OtEvent onlyEvent() {
        if (all.size() != 1 || events.size() != 1) {
            throw new AssertionError("expected exactly one event, got " + all);
        }
        return events.get(0);
    }

    Malformed onlyMalformed() {
        if (all.size() != 1 || malformed.size() != 1) {
            throw new AssertionError("expected exactly one malformed report, got " + all);
        }
        return malformed.get(0);
    }

    ModbusDetail onlyDetail() {
        return (ModbusDetail) onlyEvent().detail();
    }
}
