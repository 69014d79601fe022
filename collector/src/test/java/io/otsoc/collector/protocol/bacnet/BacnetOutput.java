package io.otsoc.collector.protocol.bacnet;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.DecoderOutput;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything a BACnet decoder reports, in order, for assertions. */
final class BacnetOutput implements DecoderOutput {

    /** A malformed report: {@code event} is null when the decoder could not tell the operation. */
    record Malformed(String reason, ProtocolDetail partial, OtEvent event) {
    }

    final List<OtEvent> events = new ArrayList<>();
    final List<Malformed> malformed = new ArrayList<>();
    final List<String> notThisProtocol = new ArrayList<>();

    @Override
    public void event(OtEvent event) {
        events.add(event);
    }

    @Override
    public void malformed(long timestampMicros, String reason, ProtocolDetail partial) {
        malformed.add(new Malformed(reason, partial, null));
    }

    @Override
    public void malformed(OtEvent event) {
        malformed.add(new Malformed(event.errorMessage(), event.detail(), event));
    }

    @Override
    public void notThisProtocol(long timestampMicros, String reason) {
        notThisProtocol.add(reason);
    }

    OtEvent only() {
        if (events.size() != 1 || !malformed.isEmpty() || !notThisProtocol.isEmpty()) {
            throw new AssertionError("expected exactly one event, got " + events + " " + malformed + " "
                    + notThisProtocol);
        }
        return events.get(0);
    }

    BacnetDetail onlyDetail() {
        return (BacnetDetail) only().detail();
    }
}
