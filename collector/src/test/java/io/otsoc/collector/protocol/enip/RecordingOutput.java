package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.DecoderOutput;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything a decoder reports, in order, for assertions. */
final class RecordingOutput implements DecoderOutput {

    /** A malformed report; {@code event} is null when the decoder could not tell the operation. */
    record Malformed(long timestampMicros, String reason, OtEvent event) {
    }

    final List<OtEvent> events = new ArrayList<>();
    final List<Malformed> malformed = new ArrayList<>();
    final List<String> notThisProtocol = new ArrayList<>();
    final List<Object> all = new ArrayList<>();

    @Override
    public void event(OtEvent event) {
        events.add(event);
        all.add(event);
    }

    @Override
    public void malformed(long timestampMicros, String reason, ProtocolDetail partial) {
        Malformed m = new Malformed(timestampMicros, reason, null);
        malformed.add(m);
        all.add(m);
    }

    @Override
    public void malformed(OtEvent event) {
        Malformed m = new Malformed(event.timestampMicros(), event.errorMessage(), event);
        malformed.add(m);
        all.add(m);
    }

    @Override
    public void notThisProtocol(long timestampMicros, String reason) {
        notThisProtocol.add(reason);
        all.add(reason);
    }

    OtEvent onlyEvent() {
        if (all.size() != 1 || events.size() != 1) {
            throw new AssertionError("expected exactly one event, got " + all);
        }
        return events.get(0);
    }
}
