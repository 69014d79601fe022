package io.otsoc.collector.protocol.opcua;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.DecoderOutput;

import java.util.ArrayList;
import java.util.List;

/** Records what a decoder reports. */
final class Recording implements DecoderOutput {

    final List<OtEvent> events = new ArrayList<>();
    final List<String> malformed = new ArrayList<>();
    final List<String> notThisProtocol = new ArrayList<>();
    final List<Object> all = new ArrayList<>();

    @Override
    public void event(OtEvent event) {
        events.add(event);
        all.add(event);
    }

    @Override
    public void malformed(long timestampMicros, String reason, ProtocolDetail partial) {
        malformed.add(reason);
        all.add(reason);
    }

    @Override
    public void malformed(OtEvent event) {
        malformed.add(event.errorMessage());
        events.add(event);
        all.add(event);
    }

    @Override
    public void notThisProtocol(long timestampMicros, String reason) {
        notThisProtocol.add(reason);
        all.add(reason);
    }
}
