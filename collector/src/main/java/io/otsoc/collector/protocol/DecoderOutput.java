package io.otsoc.collector.protocol;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.ProtocolDetail;

/** Where a {@link ProtocolDecoder} sends what it found on its flow. */
public interface DecoderOutput {

    /** A decoded transaction or notable message. */
    void event(OtEvent event);

    /**
     * A message of this protocol that could not be decoded far enough to tell its operation (e.g. an invalid
     * header). Counted per protocol as malformed and emitted as an event with the action
     * {@code malformed_message}, outcome failure and this reason as its error message.
     *
     * @param reason  what was wrong, e.g. "MBAP length 300 exceeds the 254-byte PDU limit"
     * @param partial what could be read before the problem, or null
     */
    void malformed(long timestampMicros, String reason, ProtocolDetail partial);

    /**
     * A message that breaks the protocol's specification but whose operation is known (e.g. a Read File Record
     * request with a byte count of 0): reported as that operation, so that it is found with the others of its
     * kind, and counted per protocol as malformed. The decoder builds the event with the operation's action and
     * category, outcome {@link io.otsoc.collector.model.Outcome#FAILURE}, what was wrong as its error message and
     * what could be read as its detail.
     *
     * <p>The default hands the reason and detail to {@link #malformed(long, String, ProtocolDetail)}, for
     * outputs that do not keep the action.
     */
    default void malformed(OtEvent event) {
        malformed(event.timestampMicros(), event.errorMessage(), event.detail());
    }

    /**
     * The flow does not carry this protocol after all (e.g. other bytes on port 502). The decoder is detached
     * and the flow's bytes are counted as unrecognised.
     */
    void notThisProtocol(long timestampMicros, String reason);
}
