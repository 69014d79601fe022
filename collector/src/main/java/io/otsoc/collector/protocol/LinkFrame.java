package io.otsoc.collector.protocol;

/**
 * What a {@link LinkDecoder} gets to know about a frame besides its payload. MACs are the 48 low bits of a long;
 * {@link #srcMacText()} and {@link #dstMacText()} give them in the form events carry.
 */
public interface LinkFrame {

    long timestampMicros();

    /** Whether the frame had Ethernet addresses (false for Linux cooked captures, which carry only the sender's). */
    boolean hasMacs();

    long srcMac();

    long dstMac();

    /** Lower-case colon-separated source MAC, or null without one. */
    String srcMacText();

    /** Lower-case colon-separated destination MAC, or null without one. */
    String dstMacText();

    /** Outermost 802.1Q VLAN id, or -1 when untagged. */
    int vlanId();

    /** The EtherType the frame was dispatched on. */
    int etherType();
}
