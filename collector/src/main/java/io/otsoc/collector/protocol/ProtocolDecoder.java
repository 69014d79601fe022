package io.otsoc.collector.protocol;

/**
 * Decodes one application protocol on one flow. Stateful (partial frames, pending requests), one instance per
 * flow, called from a single thread. Over TCP it receives each direction's bytes in order, as the reassembler
 * delivers them (one PDU may be split across calls, several may arrive in one); over UDP each call is one
 * datagram.
 *
 * <p>Every length field is checked against what is left before it is trusted; a malformed message is reported
 * through {@link DecoderOutput#malformed} and never stops the flow or throws.
 */
public interface ProtocolDecoder {

    /** In-order bytes of one direction; {@code buf} is only valid during the call. */
    void onData(Direction direction, byte[] buf, int offset, int length, long timestampMicros);

    /**
     * {@code missingBytes} bytes of this direction were never captured. The decoder drops any partial PDU of
     * that direction and resynchronises on the next data.
     */
    void onGap(Direction direction, long missingBytes, long timestampMicros);

    /** The flow ended (FIN/RST, idle timeout, eviction or end of capture): report what is still pending. */
    void onClose(long timestampMicros);
}
