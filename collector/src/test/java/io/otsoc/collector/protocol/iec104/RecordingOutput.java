package io.otsoc.collector.protocol.iec104;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.DecoderOutput;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything the decoder reports, in order. */
final class RecordingOutput implements DecoderOutput {

    /** A malformed report: {@code event} is null when the operation is unknown. */
    record Malformed(long timestampMicros, String reason, ProtocolDetail partial, OtEvent event) {
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
        Malformed m = new Malformed(timestampMicros, reason, partial, null);
        malformed.add(m);
        all.add(m);
    }

    @Override
    public void malformed(OtEvent event) {
        Malformed m = new Malformed(event.timestampMicros(), event.errorMessage(), event.detail(), event);
        malformed.add(m);
        all.add(m);
    }

    @Override
    public void notThisProtocol(long timestampMicros, String reason) {
        notThisProtocol.add(reason);
        all.add(reason);
    }
}
