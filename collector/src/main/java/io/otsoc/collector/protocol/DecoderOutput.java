package io.otsoc.collector.protocol;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.ProtocolDetail;

/** Where a {@link ProtocolDecoder} sends what it found on its flow. */
public interface DecoderOutput {

    /** A decoded transaction or notable message. */
    void event(OtEvent event);

    /**
     * A message of this protocol that could not be decoded. Counted per protocol and emitted as an event
     * with outcome failure and this reason as its error message.
     *
     * @param reason  what was wrong, e.g. "MBAP length 300 exceeds the 254-byte PDU limit"
     * @param partial what could be read before the problem (e.g. the function code), or null
     */
    void malformed(long timestampMicros, String reason, ProtocolDetail partial);

    /**
     * The flow does not carry this protocol after all (e.g. other bytes on port 502). The decoder is detached
     * and the flow's bytes are counted as unrecognised.
     */
    void notThisProtocol(long timestampMicros, String reason);
}
