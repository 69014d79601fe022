package io.otsoc.collector.protocol;

/**
 * Decodes one link-layer protocol for a whole capture session (one instance per session, single thread). State
 * that spans frames (e.g. ARP's IP-to-MAC bindings) lives here and must be bounded.
 *
 * <p>Every length field is checked against what is left before it is trusted; a malformed frame is reported as
 * an event marked malformed and never throws.
 */
public interface LinkDecoder {

    /**
     * One frame of a registered EtherType.
     *
     * @param frame the frame's addresses and time; only valid during the call
     * @param buf   the frame's bytes; only valid during the call
     * @param offset where the payload after the EtherType (or at the LLC header) starts
     * @param length payload bytes captured (Ethernet padding may be included)
     */
    void onFrame(LinkFrame frame, byte[] buf, int offset, int length);

    /** End of the session: report what is pending. */
    default void onClose(long timestampMicros) {
    }
}
