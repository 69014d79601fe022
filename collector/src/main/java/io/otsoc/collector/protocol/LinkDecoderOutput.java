package io.otsoc.collector.protocol;

import io.otsoc.collector.model.OtEvent;

/**
 * Where a {@link LinkDecoder} sends its events. The decoder builds each event with a
 * {@link io.otsoc.collector.model.FlowRef#link link-layer FlowRef}; an event marked
 * {@link OtEvent#malformed() malformed} is counted as a malformed message of its protocol.
 */
public interface LinkDecoderOutput {

    void event(OtEvent event);
}
